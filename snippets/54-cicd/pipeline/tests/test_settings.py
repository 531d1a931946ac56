"""Configuration tests (need pydantic-settings, skipped without it): python3 -m unittest -v"""

import importlib.util
import os
import unittest
from unittest import mock

if importlib.util.find_spec("pydantic_settings") is None:
    raise unittest.SkipTest("needs pydantic-settings: pip install -r requirements.txt")

from pydantic import ValidationError  # noqa: E402

from lumen.providers import OfflineProvider, build_provider  # noqa: E402
from lumen.settings import Settings  # noqa: E402


class SettingsTest(unittest.TestCase):
    def test_defaults_are_safe_for_a_laptop(self) -> None:
        with mock.patch.dict(os.environ, {}, clear=True):
            settings = Settings(_env_file=None)
        self.assertEqual((settings.provider, settings.openai_api_key), ("offline", None))
        self.assertIsInstance(build_provider(settings), OfflineProvider)

    def test_reads_prefixed_environment_variables(self) -> None:
        env = {"LUMEN_STREAM_DELAY_MS": "25", "LUMEN_LOG_LEVEL": "debug", "STREAM_DELAY_MS": "99"}
        with mock.patch.dict(os.environ, env, clear=True):
            settings = Settings(_env_file=None)
        self.assertEqual((settings.stream_delay_ms, settings.log_level), (25, "DEBUG"))

    def test_secret_is_masked(self) -> None:
        env = {"LUMEN_PROVIDER": "openai", "LUMEN_OPENAI_API_KEY": "dummy-value-for-tests"}
        with mock.patch.dict(os.environ, env, clear=True):
            settings = Settings(_env_file=None)
        self.assertNotIn("dummy-value", repr(settings))
        self.assertNotIn("dummy-value", settings.model_dump_json())
        self.assertEqual(settings.openai_api_key.get_secret_value(), "dummy-value-for-tests")

    def test_openai_without_key_fails_at_startup(self) -> None:
        with mock.patch.dict(os.environ, {"LUMEN_PROVIDER": "openai"}, clear=True):
            with self.assertRaisesRegex(ValidationError, "LUMEN_OPENAI_API_KEY must be set"):
                Settings(_env_file=None)

    def test_rejects_bad_values(self) -> None:
        with mock.patch.dict(os.environ, {"LUMEN_PROVIDER": "gpt", "LUMEN_STREAM_DELAY_MS": "-1"}, clear=True):
            with self.assertRaises(ValidationError) as caught:
                Settings(_env_file=None)
        self.assertEqual({error["loc"][0] for error in caught.exception.errors()}, {"provider", "stream_delay_ms"})


if __name__ == "__main__":
    unittest.main()
