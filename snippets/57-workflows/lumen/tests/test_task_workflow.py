def test_placeholder_removed_soon():
    import lumen.tasks.workflow  # noqa: F401
