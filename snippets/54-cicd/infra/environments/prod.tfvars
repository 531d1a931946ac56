# The production cluster. The quota caps what all of Lumen's pods may request: 10 pods at the HPA's
# maximum x 250m CPU = 2.5 CPU, plus room for one rollout surge.
kube_context = "prod"

environments = {
  dev = {
    cpu_requests    = "1"
    memory_requests = "1Gi"
  }
  prod = {
    cpu_requests    = "3"
    memory_requests = "3Gi"
  }
}
