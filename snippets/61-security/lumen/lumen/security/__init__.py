"""Chapter 61: the controls around Lumen's agent. Tokens (auth), the tool gate (gate), the policy decision
point (opa), the audit trail (audit), the output filter (redact) and the red-team provider (redteam)."""
