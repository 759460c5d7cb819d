import sys

import click

from . import __version__
from .counting import count


@click.command()
@click.argument("files", nargs=-1, type=click.File("r", encoding="utf-8"))
@click.option("--top", "-t", default=3, show_default=True, help="How many frequent words to list.")
@click.version_option(__version__)
def main(files, top):
    """Counts lines and words of FILES (standard input without any) and lists the most frequent words."""
    for handle in files or (click.get_text_stream("stdin"),):
        counts = count(handle.read())
        click.echo(f"{handle.name}: {counts.lines} lines, {counts.words} words")
        for word, n in sorted(counts.frequent.items(), key=lambda item: (-item[1], item[0]))[:top]:
            click.echo(f"  {n:>4} {word}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
