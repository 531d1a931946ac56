# Tests for tools.rego, run with `opa test opa/ -v`. Each case is one caller asking for one tool.
package lumen.tools_test

import data.lumen.tools

reader := {"subject": "ana", "client": "lumen-web", "scopes": ["tools:calc", "tools:search"]}

editor := {"subject": "eli", "client": "lumen-web", "scopes": ["tools:search", "tools:publish"]}

test_reader_may_search if {
	d := tools.decision with input as object.union(reader, {"tool": "search_docs"})
	d.allow
	not d.approval
}

test_reader_may_not_publish if {
	d := tools.decision with input as object.union(reader, {"tool": "publish"})
	not d.allow
	d.denials == [{"control": "scope", "reason": "tool \"publish\" needs scope \"tools:publish\""}]
}

test_editor_publish_needs_approval if {
	d := tools.decision with input as object.union(editor, {"tool": "publish"})
	d.allow
	d.approval
}

test_unknown_tool_is_denied if {
	d := tools.decision with input as object.union(editor, {"tool": "set_budget"})
	not d.allow
	d.denials[0].control == "allow-list"
}

test_fetch_to_an_unlisted_host_is_denied if {
	caller := object.union(reader, {"scopes": ["tools:fetch"]})
	d := tools.decision with input as object.union(caller, {"tool": "fetch_url", "host": "attacker.example"})
	d.denials == [{"control": "egress", "reason": "host \"attacker.example\" is not on the egress allow-list"}]
}

test_fetch_to_a_listed_host_is_allowed if {
	caller := object.union(reader, {"scopes": ["tools:fetch"]})
	d := tools.decision with input as object.union(caller, {"tool": "fetch_url", "host": "kubernetes.io"})
	d.allow
}
