#!/usr/bin/env bash
# Builds a small demonstration plant for the web application in DIR with the real recrepo CLI:
# an administrator, QA, document control, a supervisor and a technician (each account made under
# dual control, acknowledged, its one-time password changed), an approved SOP with a reading step,
# the autoclave, today's job for the technician, one for tomorrow, and one waiting for review.
# Writes DIR/sign-ins.env (shell assignments) and prints the sign-ins.
# Usage: scripts/demo-plant.sh DIR    (DIR/records is the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: scripts/demo-plant.sh DIR}
bin="$PWD/.build/debug/recrepo"
mkdir -p "$dir"
export RECREPO_REPO="$dir/records"
unset RECREPO_USER RECREPO_PASSWORD RECREPO_NEW_PASSWORD
as() { local user=$1 password=$2; shift 2; RECREPO_USER=$user RECREPO_PASSWORD=$password "$bin" "$@"; }

RECREPO_NEW_PASSWORD='Admin-pass-2026' "$bin" init --admin alice --name "Alice Admin" >/dev/null
RECREPO_NEW_PASSWORD='Qa-onetime-0001' as alice 'Admin-pass-2026' user add quinn --name "Quinn QA" --role qa --department Quality \
    --identity "passport: P1234567" --reason "New QA reviewer" >/dev/null
as quinn 'Qa-onetime-0001' acknowledge >/dev/null
RECREPO_NEW_PASSWORD='Quiet-harbour-88' as quinn 'Qa-onetime-0001' passwd >/dev/null

# Alice issues the first half of each one-time password, Quinn (the custodian) the second.
person() {
    local id=$1 name=$2 role=$3 department=$4 identity=$5 password=$6
    RECREPO_NEW_PASSWORD='First-half-1' as alice 'Admin-pass-2026' user add "$id" --name "$name" --role "$role" --department "$department" \
        --identity "$identity" --custodian quinn --reason "New $role" >/dev/null
    RECREPO_NEW_PASSWORD='Second-half-2' as quinn 'Quiet-harbour-88' user issue "$id" --reason "Handed over in person" >/dev/null
    as "$id" 'First-half-1Second-half-2' acknowledge >/dev/null
    RECREPO_NEW_PASSWORD=$password as "$id" 'First-half-1Second-half-2' passwd >/dev/null
}
person dora "Dora Docs" document-control Quality "passport: P7654321" 'Red-kite-sky-41'
person dan "Dan Docs" document-control Quality "badge: B-0101" 'Blue-river-stone-7'
person victor "Victor QA" qa Quality "badge: B-0102" 'Quiet-lake-ash-88'
person sam "Sam Supervisor" supervisor Maintenance "badge: B-0103" 'Green-field-oak-3'
person tara "Tara Tech" technician Maintenance "badge: B-0042" 'Tech-private-phrase'

cat > "$dir/autoclave-check.md" <<'MARKDOWN'
# Autoclave weekly check

| Setting | Value |
| --- | --- |
| Temperature | 121 °C |
| Hold time | 15 min |

## Steps

- [ ] Isolate the autoclave and check the door seal
- [ ] Run a Bowie-Dick test cycle
- [ ] Record the chamber pressure at hold `reading: pressure in bar, between 2.0 and 2.4`
MARKDOWN
sop=$(as dora 'Red-kite-sky-41' sop new --title "Autoclave weekly check" --file "$dir/autoclave-check.md" --reason "New procedure for the autoclave" | tail -1)
as dora 'Red-kite-sky-41' sop submit "$sop" --reason "Ready for review" >/dev/null
as dan 'Blue-river-stone-7' sop review "$sop" --reason "Checked against the manufacturer's manual" >/dev/null
as victor 'Quiet-lake-ash-88' sop approve "$sop" --reason "Approved for use" >/dev/null

as sam 'Green-field-oak-3' equipment add AC-101 --name "Autoclave 1" --location "Building 2" --department Sterile --reason "Commissioned" >/dev/null
today=$(date -u +%F); tomorrow=$(date -u -d "+1 day" +%F)
job() { as sam 'Green-field-oak-3' wo new --sop "$sop" --equipment AC-101 --assign tara "$@" | tail -1; }
done_job=$(job --title "Autoclave check after the door repair" --due "$today" --reason "After the repair")
todays_job=$(job --title "Weekly autoclave check" --due "$today" --reason "Weekly PM")
job --title "Autoclave check before the campaign" --due "$tomorrow" --reason "Before the campaign" >/dev/null

# One job already done, waiting for the supervisor's review.
as tara 'Tech-private-phrase' wo start "$done_job" >/dev/null
for step in 1 2; do as tara 'Tech-private-phrase' wo step "$done_job" "$step" >/dev/null; done
as tara 'Tech-private-phrase' wo step "$done_job" 3 --value 2.2 >/dev/null
as tara 'Tech-private-phrase' wo complete "$done_job" --reason "All steps done" >/dev/null

cat > "$dir/sign-ins.env" <<EOF
# The demonstration plant's sign-ins (user ID and password) and today's job.
ADMIN=alice
ADMIN_PASSWORD='Admin-pass-2026'
QA=victor
QA_PASSWORD='Quiet-lake-ash-88'
QA2=quinn
QA2_PASSWORD='Quiet-harbour-88'
DOCUMENT_CONTROL=dora
DOCUMENT_CONTROL_PASSWORD='Red-kite-sky-41'
DOCUMENT_CONTROL2=dan
DOCUMENT_CONTROL2_PASSWORD='Blue-river-stone-7'
SUPERVISOR=sam
SUPERVISOR_PASSWORD='Green-field-oak-3'
TECHNICIAN=tara
TECHNICIAN_PASSWORD='Tech-private-phrase'
SOP=$sop
TODAYS_JOB=$todays_job
DONE_JOB=$done_job
EOF
echo "Demonstration plant in $RECREPO_REPO. Sign-ins (user ID, password):"
echo "  alice   Admin-pass-2026      administrator"
echo "  quinn   Quiet-harbour-88     QA"
echo "  victor  Quiet-lake-ash-88    QA"
echo "  dora    Red-kite-sky-41      document control"
echo "  dan     Blue-river-stone-7   document control"
echo "  sam     Green-field-oak-3    supervisor"
echo "  tara    Tech-private-phrase  technician (today's job: $todays_job)"
