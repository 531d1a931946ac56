# Lumen's app-level tool authorisation (chapter 61), in Rego v1: the syntax OPA 1.x parses by default.
# Lumen asks for data.lumen.tools.decision before every tool call, with an input such as
#   {"tool": "fetch_url", "subject": "ana", "client": "lumen-web", "scopes": ["tools:fetch"],
#    "host": "docs.lumen.example"}
# and runs the tool only when "allow" is true; "approval" sends it to a person first.
package lumen.tools

# Each tool, the scope a caller's token must hold to use it, and whether it changes the world.
tools := {
	"calculator": {"scope": "tools:calc", "side_effect": false},
	"glossary": {"scope": "tools:search", "side_effect": false},
	"search_docs": {"scope": "tools:search", "side_effect": false},
	"fetch_url": {"scope": "tools:fetch", "side_effect": false},
	"publish": {"scope": "tools:publish", "side_effect": true},
}

# The only hosts fetch_url may reach. A layer below, the egress proxy allows the same names, and the
# NetworkPolicy lets Lumen reach nothing but that proxy (and DNS).
egress_hosts := {"docs.lumen.example", "kubernetes.io"}

deny contains {"control": "allow-list", "reason": msg} if {
	not tools[input.tool]
	msg := sprintf("unknown tool %q", [input.tool])
}

deny contains {"control": "scope", "reason": msg} if {
	spec := tools[input.tool]
	not spec.scope in input.scopes
	msg := sprintf("tool %q needs scope %q", [input.tool, spec.scope])
}

deny contains {"control": "egress", "reason": msg} if {
	input.tool == "fetch_url"
	not input.host in egress_hosts
	msg := sprintf("host %q is not on the egress allow-list", [input.host])
}

default approval := false

approval if tools[input.tool].side_effect

decision := {
	"allow": count(deny) == 0,
	"approval": approval,
	"denials": sort(deny),
}
