"""The `induct` subcommands, one module per group; each has `add_commands(subparsers)`.

A handler takes the parsed arguments and returns the exit code: 0 all good, 1 problems
found (each printed on its own line), 2 a file or argument could not be used.
"""
