"""`python -m homeward` runs the command-line interface, like the `homeward` script."""

from homeward.cli import main

if __name__ == "__main__":
    main()
