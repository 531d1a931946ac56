"""Lumen's tests: test_agent and test_settings run with unittest; test_api needs pytest and fastapi."""
