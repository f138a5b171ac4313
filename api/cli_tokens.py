"""``selaras token``: create, list and revoke API tokens."""

from __future__ import annotations

import click

from api import output
from api.cli_errors import handle_errors
from api.settings import Settings
from api.tokens import ROLES, TokenBook

__all__ = ["token"]


@click.group()
def token() -> None:
    """Token API / API tokens: create, list, revoke (file $SELARAS_TOKENS).

    \b
    Example:
      selaras token create --name bappeda --role write
    """


def _book() -> TokenBook:
    return TokenBook(Settings.from_env().tokens)


@token.command("create")
@click.option("--name", required=True, help="Nama pemilik token / who holds the token.")
@click.option("--role", type=click.Choice(ROLES), default="read", show_default=True)
@handle_errors
def token_create(name: str, role: str) -> None:
    """Buat token / create a token; it is shown once, only its hash is kept.

    \b
    Example:
      selaras token create --name opd-dinkes --role write
    """
    secret = _book().create(name, role)
    click.echo(secret)
    click.echo(
        f"Simpan token ini; tidak ditampilkan lagi / keep it, it is not shown again ({role}).",
        err=True,
    )


@token.command("list")
@handle_errors
def token_list() -> None:
    """Daftar token / list tokens (names and roles, never secrets).

    \b
    Example:
      selaras token list
    """
    click.echo(output.text_table(["name", "role", "created", "revoked"], _book().names()))


@token.command("revoke")
@click.argument("name")
@handle_errors
def token_revoke(name: str) -> None:
    """Cabut token / revoke a token.

    \b
    Example:
      selaras token revoke opd-dinkes
    """
    _book().revoke(name)
    click.echo(f"Dicabut / revoked: {name}")
