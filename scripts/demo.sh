#!/usr/bin/env bash
# A walk through recrepo's signed acts on a fresh demonstration repository.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$PWD/.build/debug/recrepo"
work=$(mktemp -d "${TMPDIR:-/tmp}/recrepo-demo.XXXXXX")
export RECREPO_REPO="$work/records"
unset RECREPO_USER RECREPO_PASSWORD RECREPO_NEW_PASSWORD
say() { printf '\n== %s\n' "$1"; }
as() { local user=$1 password=$2; shift 2; RECREPO_USER=$user RECREPO_PASSWORD=$password "$bin" "$@"; }

say "1. Create the repository. Alice, the first administrator, signs its first act."
RECREPO_NEW_PASSWORD='Admin-pass-2026' "$bin" init --admin alice --name "Alice Admin"

say "2. Alice creates accounts for a QA reviewer and a technician (each one a signed act with a reason)."
RECREPO_NEW_PASSWORD='Qa-onetime-0001' as alice 'Admin-pass-2026' user add quinn --name "Quinn QA" --role qa --department Quality --reason "New QA reviewer"
RECREPO_NEW_PASSWORD='Tech-onetime-001' as alice 'Admin-pass-2026' user add tara --name "Tara Tech" --role technician --department Maintenance --reason "New technician"

say "3. Tara changes her one-time password. A new signing key replaces the one Alice could have known."
RECREPO_NEW_PASSWORD='Tech-private-phrase' as tara 'Tech-onetime-001' passwd

say "4. Quinn leaves the company: Alice disables the account. Its key stops being valid; the ID is never reused."
as alice 'Admin-pass-2026' user disable quinn --reason "Left the company"
echo "Trying to sign as quinn now:"
as quinn 'Qa-onetime-0001' passwd 2>&1 || echo "(refused, as it must be)"

say "5. Someone guesses Tara's password five times. The fifth failure locks her account and the system records a security event."
for attempt in 1 2 3 4 5; do
    RECREPO_NEW_PASSWORD='Guess-new-pass-1' as tara "guess-number-$attempt" passwd 2>&1 || true
done
echo "Even the right password is now refused until an admin resets the account:"
as tara 'Tech-private-phrase' passwd 2>&1 || echo "(refused, as it must be)"

say "6. Alice resets Tara: a new key and a one-time password that Tara must change before signing."
RECREPO_NEW_PASSWORD='Tech-onetime-002' as alice 'Admin-pass-2026' user reset tara --reason "Locked out after failed attempts; identity confirmed in person"
RECREPO_NEW_PASSWORD='Tech-second-phrase' as tara 'Tech-onetime-002' passwd

say "7. A checkpoint: the system signs a tag at the head, so that a later rollback of history is detected."
"$bin" checkpoint

say "8. The accounts and the audit trail (every act: when, who, what it means, why)."
"$bin" user list
"$bin" log

say "9. recrepo verify: every object, every signature against the key the account held at that time, every act against the policy, every checkpoint."
"$bin" verify

say "10. Independent check with stock git only: fsck and verify-commit on every commit."
"$bin" allowed-signers --output "$work/allowed_signers"
git -C "$RECREPO_REPO" fsck --full --strict && echo "git fsck --full --strict: clean"
good=0; total=0
for commit in $(git -C "$RECREPO_REPO" rev-list main); do
    total=$((total + 1))
    if git -C "$RECREPO_REPO" -c gpg.ssh.allowedSignersFile="$work/allowed_signers" verify-commit "$commit" 2>/dev/null; then
        principal=$(git -C "$RECREPO_REPO" -c gpg.ssh.allowedSignersFile="$work/allowed_signers" log -1 --format='%GS' "$commit")
        author=$(git -C "$RECREPO_REPO" log -1 --format='%ae' "$commit")
        [ "$principal" = "$author" ] && good=$((good + 1))
    fi
done
echo "git verify-commit: $good of $total commits have a Good signature whose signer is the author"
[ "$good" -eq "$total" ]

say "Done. The demonstration repository is $RECREPO_REPO (keys beside it in $RECREPO_REPO/recrepo/, never in history)."
