"""Reading a TOML file under config/ into a pydantic model, failing with one clear line."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

CONFIG_DIR = Path(__file__).resolve().parents[1] / "config"

Model = TypeVar("Model", bound=BaseModel)


class ConfigFileError(Exception):
    """A configuration file is broken; the message names the file, the place and the problem."""


def load_model(path: Path, model: type[Model]) -> Model:
    """The contents of `path` validated as `model`."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigFileError(f"{path}: cannot be read: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigFileError(f"{path}: not valid TOML: {error}") from error
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise ConfigFileError(f"{path}: {where}: {first['msg']}") from error
