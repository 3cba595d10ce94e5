"""The `antt-bot` entry point; the command line lives in `cli/`."""

from cli.app import app

if __name__ == "__main__":
    app()
