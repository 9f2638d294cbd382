#!/bin/sh
# Regenerates completions/ and man/ from the clap types (src/cli.rs). The test
# `docs::committed_completions_and_man_pages_are_current` fails until this is run
# after a change to the command line.
set -eu
cd "$(dirname "$0")/.."
cargo build --quiet
desk=target/debug/desk
rm -rf man completions
mkdir -p completions
"$desk" man man
"$desk" completions bash > completions/desk.bash
"$desk" completions zsh > completions/_desk
"$desk" completions fish > completions/desk.fish
"$desk" completions elvish > completions/desk.elv
"$desk" completions powershell > completions/_desk.ps1
echo "regenerated completions/ and man/"
