#!/usr/bin/env bash
# Makes legacy-1.tar.gz: a repository written by recrepo before acts carried an Event
# trailer (commit 74985ca). It was run once with that build; it is kept to show what the
# fixture holds, not to be run again (a newer build would write a newer repository).
# Usage: make-fixture.sh RECREPO-BINARY OUTPUT.tar.gz
set -euo pipefail
bin=$1; out=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/recrepo-legacy.XXXXXX")
export RECREPO_REPO="$work/records"
unset RECREPO_USER RECREPO_PASSWORD RECREPO_NEW_PASSWORD
as() { local user=$1 password=$2; shift 2; RECREPO_USER=$user RECREPO_PASSWORD=$password "$bin" "$@"; }
admin='Admin-pass-2026'

RECREPO_NEW_PASSWORD=$admin "$bin" init --admin alice --name "Alice Admin"
add() { RECREPO_NEW_PASSWORD=$4 as alice $admin user add "$1" --name "$2" --role "$3" --department Plant --reason "New $3"; }
add dora "Dora Docs" document-control 'Doc-onetime-0001'
add dan "Dan Docs" document-control 'Doc-onetime-0002'
add quinn "Quinn QA" qa 'Qa-onetime-0001'
add sam "Sam Supervisor" supervisor 'Sup-onetime-0001'
add tara "Tara Tech" technician 'Tech-onetime-001'
add olga "Olga Old" technician 'Old-onetime-0001'
RECREPO_NEW_PASSWORD='Kite-river-2026' as dora 'Doc-onetime-0001' passwd
RECREPO_NEW_PASSWORD='Stone-blue-2026' as dan 'Doc-onetime-0002' passwd
RECREPO_NEW_PASSWORD='Harbour-quiet-26' as quinn 'Qa-onetime-0001' passwd
RECREPO_NEW_PASSWORD='Oak-green-2026' as sam 'Sup-onetime-0001' passwd
RECREPO_NEW_PASSWORD='Fern-wild-2026' as tara 'Tech-onetime-001' passwd
as alice $admin user disable olga --reason "Left the company"

# Five wrong guesses lock tara (a system-signed security event); alice resets her.
for attempt in 1 2 3 4 5; do
    RECREPO_NEW_PASSWORD='Guess-new-pass-1' as tara "guess-$attempt" passwd 2>/dev/null || true
done
RECREPO_NEW_PASSWORD='Tech-onetime-002' as alice $admin user reset tara --reason "Locked out; identity confirmed in person"
RECREPO_NEW_PASSWORD='Fern-wild-2027' as tara 'Tech-onetime-002' passwd

cat > "$work/check.md" <<'MARKDOWN'
# Autoclave weekly check

## Steps

- [ ] Isolate the autoclave and check the door seal
- [ ] Run a Bowie-Dick test cycle
MARKDOWN
cat > "$work/check2.md" <<'MARKDOWN'
# Autoclave weekly check

## Steps

- [ ] Isolate the autoclave and check the door seal
- [ ] Run a Bowie-Dick test cycle
- [ ] Record the chamber pressure at hold
MARKDOWN
sop=$(as dora 'Kite-river-2026' sop new --title "Autoclave weekly check" --file "$work/check.md" --reason "New procedure" | tail -1)
as dora 'Kite-river-2026' sop submit "$sop" --reason "Ready for review"
as dan 'Stone-blue-2026' sop reject "$sop" --reason "Add the pressure step"
as dora 'Kite-river-2026' sop revise "$sop" --file "$work/check2.md" --reason "Pressure step added"
as dora 'Kite-river-2026' sop submit "$sop" --reason "Ready again"
as dan 'Stone-blue-2026' sop review "$sop" --reason "Checked against the manual"
as quinn 'Harbour-quiet-26' sop approve "$sop" --reason "Approved for use"
# Revision 2 opened and approved effective on a later day.
as dora 'Kite-river-2026' sop revise "$sop" --file "$work/check.md" --reason "Pressure step moved to the log"
as dora 'Kite-river-2026' sop submit "$sop" --reason "Ready for review"
as dan 'Stone-blue-2026' sop review "$sop" --reason "Fine"
as quinn 'Harbour-quiet-26' sop approve "$sop" --effective 2030-01-01 --reason "From the new year"
old=$(as dora 'Kite-river-2026' sop new --title "Old boiler check" --file "$work/check.md" --reason "Legacy" | tail -1)
as quinn 'Harbour-quiet-26' sop retire "$old" --reason "Boiler removed"

as sam 'Oak-green-2026' equipment add AC-101 --name "Autoclave 1" --location "Building 2" --department Sterile --reason "Commissioned"
wo=$(as sam 'Oak-green-2026' wo new --sop "$sop" --equipment AC-101 --title "Weekly autoclave check" --assign tara --reason "Weekly PM" | tail -1)
as tara 'Fern-wild-2027' wo start "$wo"
as tara 'Fern-wild-2027' wo step "$wo" 1
as tara 'Fern-wild-2027' wo step "$wo" 2 --note "Bowie-Dick sheet passed"
as tara 'Fern-wild-2027' wo step "$wo" 3 --note "2.1 bar"
as tara 'Fern-wild-2027' wo complete "$wo" --reason "All steps done"
as sam 'Oak-green-2026' wo review "$wo" --reason "Records complete"
as quinn 'Harbour-quiet-26' wo close "$wo" --reason "Released for use"
open=$(as sam 'Oak-green-2026' wo new --sop "$sop" --equipment AC-101 --title "Next week's check" --assign tara --reason "Weekly PM" | tail -1)
as tara 'Fern-wild-2027' wo start "$open"

as quinn 'Harbour-quiet-26' audit review --reason "Monthly audit-trail review"
as alice $admin drill --reason "Quarterly recovery drill"
"$bin" checkpoint
"$bin" verify

tar -C "$work" -czf "$out" records
rm -rf "$work"
