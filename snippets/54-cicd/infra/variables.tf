variable "kube_context" {
  description = "The kubeconfig context of the cluster this configuration manages."
  type        = string
}

# #region variables
variable "environments" {
  description = "One namespace per environment, with the CPU and memory it may request in total."
  type = map(object({
    cpu_requests    = string
    memory_requests = string
  }))

  validation {
    condition     = alltrue([for name in keys(var.environments) : can(regex("^[a-z][a-z0-9-]{1,20}$", name))])
    error_message = "Environment names are lower-case DNS labels, such as dev or prod."
  }
}

variable "argocd_chart_version" {
  description = "Version of the argo-cd Helm chart (look it up with: helm search repo argo/argo-cd --versions)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.argocd_chart_version))
    error_message = "Pin an exact chart version such as 1.2.3; ranges and 'latest' are not allowed."
  }
}
# #endregion variables
