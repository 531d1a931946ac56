# The platform layer under Lumen: namespaces that enforce Pod Security, a quota per environment,
# and Argo CD itself. What runs inside the namespaces is Argo CD's job, not OpenTofu's.

provider "kubernetes" {
  config_path    = "~/.kube/config"
  config_context = var.kube_context
}

provider "helm" {
  kubernetes = {
    config_path    = "~/.kube/config"
    config_context = var.kube_context
  }
}

# #region namespaces
resource "kubernetes_namespace_v1" "lumen" {
  for_each = var.environments

  metadata {
    name = "lumen-${each.key}"
    labels = {
      "app.kubernetes.io/part-of"                  = "lumen"
      "pod-security.kubernetes.io/enforce"         = "restricted"
      "pod-security.kubernetes.io/enforce-version" = "v1.36"
    }
  }
}

resource "kubernetes_resource_quota_v1" "lumen" {
  for_each = var.environments

  metadata {
    name      = "lumen-quota"
    namespace = kubernetes_namespace_v1.lumen[each.key].metadata[0].name
  }
  spec {
    hard = {
      "requests.cpu"    = each.value.cpu_requests
      "requests.memory" = each.value.memory_requests
    }
  }
}
# #endregion namespaces

# #region argocd
resource "helm_release" "argocd" {
  name             = "argocd"
  namespace        = "argocd"
  create_namespace = true
  repository       = "https://argoproj.github.io/argo-helm"
  chart            = "argo-cd"
  version          = var.argocd_chart_version
  wait             = true
}
# #endregion argocd
