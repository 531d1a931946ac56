# The same rule in the Rego of OPA 0.x, as older blog posts write it. OPA 1.x refuses to parse it:
# rule bodies now need `if`, and multi-value rules need `contains` (see `opa check` below).
package lumen.tools

deny[msg] {
	input.tool == "fetch_url"
	not egress_hosts[input.host]
	msg := sprintf("host %q is not on the egress allow-list", [input.host])
}
