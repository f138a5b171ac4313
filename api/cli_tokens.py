"""``selaras token``: create, list and revoke API tokens."""

from __future__ import annotations

import click

from api import output
from api.cli_errors import handle_errors
from api.settings import Settings
from api.tokens import ROLES, TokenBook, expiry

__all__ = ["token"]

COLUMNS = ["name", "role", "created", "expires", "revoked", "state"]


@click.group()
def token() -> None:
    """Token API / API tokens: create, list, revoke (file $SELARAS_TOKENS).

    \b
    Example:
      selaras token create bappeda --role write --expires 90d
    """


def _book() -> TokenBook:
    return TokenBook(Settings.from_env().tokens)


def _one_name(argument: str | None, option: str | None) -> str:
    """The token's name, given as the argument or as ``--name`` (not two different ones)."""
    if argument and option and argument != option:
        raise click.UsageError(f"Dua nama / two names: {argument!r} dan / and {option!r}")
    name = argument or option
    if not name:
        raise click.UsageError("Nama token diperlukan / a token name is required (NAME)")
    return name


@token.command("create")
@click.argument("name", required=False)
@click.option("--name", "name_option", help="Nama pemilik token / who holds the token.")
@click.option("--role", type=click.Choice(ROLES), default="read", show_default=True)
@click.option(
    "--expires",
    help="Berlaku sampai / valid for: 30d, 12h, or a date 2026-12-31 (UTC); default: no expiry.",
)
@handle_errors
def token_create(name: str | None, name_option: str | None, role: str, expires: str | None) -> None:
    """Buat token / create a token; it is shown once, only its hash is kept.

    \b
    Example:
      selaras token create opd-dinkes --role write --expires 30d
    """
    until = expiry(expires) if expires else None
    secret = _book().create(_one_name(name, name_option), role, until)
    click.echo(secret)
    valid = f", berlaku sampai / expires {until.isoformat(timespec='seconds')}" if until else ""
    keep = "Simpan token ini; tidak ditampilkan lagi / keep it, it is not shown again"
    click.echo(f"{keep} ({role}{valid}).", err=True)


@token.command("list")
@handle_errors
def token_list() -> None:
    """Daftar token / list tokens (names, roles, dates and state; never secrets).

    \b
    Example:
      selaras token list
    """
    click.echo(output.text_table(COLUMNS, _book().names()))


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
