output "namespaces" {
  description = "The namespaces Argo CD's Applications deploy into."
  value       = [for ns in kubernetes_namespace_v1.lumen : ns.metadata[0].name]
}
