"""Configuration tests (need pydantic-settings, skipped without it): python3 -m unittest -v"""

import contextlib
import importlib.util
import io
import json
import os
import unittest
from pathlib import Path
from unittest import mock

if importlib.util.find_spec("pydantic_settings") is None:
    raise unittest.SkipTest("needs pydantic-settings: pip install -r requirements.txt")

from pydantic import ValidationError  # noqa: E402

from lumen.providers import OfflineProvider, build_provider  # noqa: E402
from lumen.settings import Settings, describe_errors, load_settings  # noqa: E402

HERE = Path(__file__).resolve().parent.parent


def env_file(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if line and not line.startswith("#"))
    return {name: value for name, value in pairs}


def shown_settings(path: Path) -> dict[str, str]:
    return dict(line.split(maxsplit=1) if len(line.split()) > 1 else (line.strip(), "") for line in path.read_text().splitlines())


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
            with self.assertRaisesRegex(ValidationError, "must be set when LUMEN_PROVIDER=openai"):
                Settings(_env_file=None)

    def test_errors_name_the_variable_in_one_json_line(self) -> None:
        env = {"LUMEN_PROVIDER": "gpt", "LUMEN_STREAM_DELAY_MS": "-1"}
        stderr = io.StringIO()
        with mock.patch.dict(os.environ, env, clear=True), contextlib.redirect_stderr(stderr):
            with self.assertRaises(SystemExit) as exited:
                load_settings(None)
        self.assertEqual(exited.exception.code, 1)
        [line] = stderr.getvalue().splitlines()
        variables = [problem["variable"] for problem in json.loads(line)["errors"]]
        self.assertEqual(variables, ["LUMEN_PROVIDER", "LUMEN_STREAM_DELAY_MS"])

    def test_missing_key_names_the_key_variable_and_never_echoes_a_key(self) -> None:
        with mock.patch.dict(os.environ, {"LUMEN_PROVIDER": "openai"}, clear=True):
            with self.assertRaises(ValidationError) as caught:
                Settings(_env_file=None)
        self.assertEqual(describe_errors(caught.exception),
                         [{"variable": "LUMEN_OPENAI_API_KEY", "problem": "must be set when LUMEN_PROVIDER=openai"}])

    def test_recorded_outputs_belong_to_the_env_files_shown_with_them(self) -> None:
        for name in ("laptop", "cluster"):
            with self.subTest(name):
                shown = shown_settings(HERE / "output" / f"config-{name}.out")
                for variable, value in env_file(HERE / "config" / f"{name}.env").items():
                    self.assertEqual(float(shown[variable]) if value.replace(".", "").isdigit() else shown[variable],
                                     float(value) if value.replace(".", "").isdigit() else value.upper()
                                     if variable == "LUMEN_LOG_LEVEL" else value, f"{variable} in config-{name}.out")

    def test_rejects_bad_values(self) -> None:
        with mock.patch.dict(os.environ, {"LUMEN_PROVIDER": "gpt", "LUMEN_STREAM_DELAY_MS": "-1"}, clear=True):
            with self.assertRaises(ValidationError) as caught:
                Settings(_env_file=None)
        self.assertEqual({error["loc"][0] for error in caught.exception.errors()}, {"provider", "stream_delay_ms"})


if __name__ == "__main__":
    unittest.main()
