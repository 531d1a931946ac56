# #region backend
# State lives in a versioned bucket, never in git. use_lockfile makes OpenTofu take a lock object
# next to the state (an S3 conditional write), so two applies can never interleave.
terraform {
  backend "s3" {
    bucket       = "lumen-tofu-state"
    key          = "platform/terraform.tfstate"
    region       = "eu-central-1"
    encrypt      = true
    use_lockfile = true
  }
}
# #endregion backend
