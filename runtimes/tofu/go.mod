// Build-only module: pins OpenTofu's `tofu` command, which `npm run runtimes -- install tools` compiles into
// the cache. It contains no code. `go install github.com/opentofu/opentofu/cmd/tofu@v1.12.6` is refused
// because OpenTofu's go.mod has a replace directive (its fork of HCL); a dependency's replace directives are
// ignored by the Go toolchain, so it is restated here.
module book.local/runtimes/tofu

go 1.26.6

require github.com/opentofu/opentofu v1.12.6

replace github.com/hashicorp/hcl/v2 v2.20.1 => github.com/opentofu/hcl/v2 v2.20.2-0.20251021132045-587d123c2828
