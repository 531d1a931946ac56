"""lumen-tools: Lumen's tools as their own Dapr app (chapter 55)."""
