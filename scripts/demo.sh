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

say "2. Alice creates Quinn's account (QA). No other admin or qa exists yet, so Alice issues the whole one-time password (the act says so). Quinn signs the acknowledgement first, then chooses a password."
RECREPO_NEW_PASSWORD='Qa-onetime-0001' as alice 'Admin-pass-2026' user add quinn --name "Quinn QA" --role qa --department Quality --identity "passport: P1234567" --reason "New QA reviewer"
as quinn 'Qa-onetime-0001' acknowledge
RECREPO_NEW_PASSWORD='Quiet-harbour-88' as quinn 'Qa-onetime-0001' passwd

say "3. Dual control from now on: Alice gets the first half of Tara's one-time password, Quinn (the custodian) the second. Neither knows the whole."
RECREPO_NEW_PASSWORD='Tech-half-A1' as alice 'Admin-pass-2026' user add tara --name "Tara Tech" --role technician --department Maintenance --identity "badge: B-0042" --custodian quinn --reason "New technician"
RECREPO_NEW_PASSWORD='Tech-half-C1' as quinn 'Quiet-harbour-88' user issue tara --reason "Handed over in a sealed envelope"
as tara 'Tech-half-A1Tech-half-C1' acknowledge
RECREPO_NEW_PASSWORD='Tech-private-phrase' as tara 'Tech-half-A1Tech-half-C1' passwd

say "4. Uma, an auditor, leaves the company: Alice disables the account. Its key stops being valid; the ID is never reused."
RECREPO_NEW_PASSWORD='Aud-half-A1' as alice 'Admin-pass-2026' user add uma --name "Uma Auditor" --role auditor --department Quality --identity "badge: B-0077" --custodian quinn --reason "Contract auditor"
as alice 'Admin-pass-2026' user disable uma --reason "Left the company"
echo "Trying to sign as uma now:"
as uma 'Aud-half-A1' acknowledge 2>&1 || echo "(refused, as it must be)"

say "5. Someone guesses Tara's password five times. The fifth failure locks her account and the system records a security event."
for attempt in 1 2 3 4 5; do
    RECREPO_NEW_PASSWORD='Guess-new-pass-1' as tara "guess-number-$attempt" passwd 2>&1 || true
done
echo "Even the right password is now refused until an admin resets the account:"
as tara 'Tech-private-phrase' passwd 2>&1 || echo "(refused, as it must be)"

say "6. Alice resets Tara with Quinn as custodian: a new key under a new split one-time password that Tara must change before signing."
RECREPO_NEW_PASSWORD='Tech-half-A2' as alice 'Admin-pass-2026' user reset tara --custodian quinn --reason "Locked out after failed attempts; identity confirmed in person"
RECREPO_NEW_PASSWORD='Tech-half-C2' as quinn 'Quiet-harbour-88' user issue tara --reason "Handed over in person"
RECREPO_NEW_PASSWORD='Tech-second-phrase' as tara 'Tech-half-A2Tech-half-C2' passwd

say "7. Alice adds document control (Dora, Dan), a QA approver (Victor), a supervisor (Sam); Quinn issues each second half; each acknowledges and changes the one-time password."
person() {
    local id=$1 name=$2 role=$3 department=$4 identity=$5 password=$6
    RECREPO_NEW_PASSWORD='First-half-1' as alice 'Admin-pass-2026' user add "$id" --name "$name" --role "$role" --department "$department" --identity "$identity" --custodian quinn --reason "New $role" >/dev/null
    RECREPO_NEW_PASSWORD='Second-half-2' as quinn 'Quiet-harbour-88' user issue "$id" --reason "Handed over in person" >/dev/null
    as "$id" 'First-half-1Second-half-2' acknowledge >/dev/null
    RECREPO_NEW_PASSWORD=$password as "$id" 'First-half-1Second-half-2' passwd
}
person dora "Dora Docs" document-control Quality "passport: P7654321" 'Red-kite-sky-41'
person dan "Dan Docs" document-control Quality "badge: B-0101" 'Blue-river-stone-7'
person victor "Victor QA" qa Quality "badge: B-0102" 'Quiet-lake-ash-88'
person sam "Sam Supervisor" supervisor Maintenance "badge: B-0103" 'Green-field-oak-3'

say "8. Document control: Dora drafts an SOP from a markdown file and submits it for review."
cat > "$work/autoclave-check.md" <<'MARKDOWN'
# Autoclave weekly check

| Setting | Value |
| --- | --- |
| Temperature | 121 °C |
| Hold time | 15 min |

## Steps

- [ ] Isolate the autoclave and check the door seal
- [ ] Run a Bowie-Dick test cycle
- [ ] Record the chamber pressure at hold `reading: chamber pressure in bar, between 2.0 and 2.2`
MARKDOWN
sop=$(as dora 'Red-kite-sky-41' sop new --title "Autoclave weekly check" --file "$work/autoclave-check.md" --reason "New procedure for the autoclave" | tail -1)
as dora 'Red-kite-sky-41' sop submit "$sop" --reason "Ready for review"
echo "Dora tries to review her own SOP:"
as dora 'Red-kite-sky-41' sop review "$sop" --reason "Looks fine" 2>&1 || echo "(refused: the reviewer must differ from the author)"

say "9. Dan reviews it; Victor (QA) approves it. The approved revision is effective at once."
as dan 'Blue-river-stone-7' sop review "$sop" --reason "Checked against the manufacturer's manual"
as victor 'Quiet-lake-ash-88' sop approve "$sop" --reason "Approved for use"
"$bin" sop show "$sop"
"$bin" sop show "$sop" --format html > "$work/$sop.html"
echo "The printable page of $sop, with its signatures, is in $work/$sop.html"

say "10. A job: Sam registers the autoclave and plans a work order for Tara; Tara starts it and gets the effective SOP."
as sam 'Green-field-oak-3' equipment add AC-101 --name "Autoclave 1" --location "Building 2" --department Sterile --reason "Commissioned"
wo=$(as sam 'Green-field-oak-3' wo new --sop "$sop" --equipment AC-101 --title "Weekly autoclave check" --assign tara --reason "Weekly PM" | tail -1)
as tara 'Tech-second-phrase' wo start "$wo"
"$bin" wo sop "$wo" --format markdown | head -3

say "11. Tara signs each checklist step in order, then completes the job; Sam reviews it; Victor (QA) closes it."
echo "Tara tries to sign step 2 before step 1:"
as tara 'Tech-second-phrase' wo step "$wo" 2 2>&1 || echo "(refused: steps are signed in order)"
as tara 'Tech-second-phrase' wo step "$wo" 1
as tara 'Tech-second-phrase' wo step "$wo" 2 --note "Bowie-Dick sheet passed"
as tara 'Tech-second-phrase' wo step "$wo" 3 --value 2.1 --note "Steady at hold"
as tara 'Tech-second-phrase' wo complete "$wo" --reason "All steps done"
as sam 'Green-field-oak-3' wo review "$wo" --reason "Records complete and legible"
as victor 'Quiet-lake-ash-88' wo close "$wo" --reason "Released for use"
"$bin" wo show "$wo"

say "12. A small plant: a water loop and its pump with two meters; four PM plans, one of each trigger, drafted by Sam and approved by Victor."
as sam 'Green-field-oak-3' equipment add WFI-1 --name "Water for injection loop" --type utility --location "Building 2" --department Utilities --gmp-critical --reason "Commissioned"
as sam 'Green-field-oak-3' equipment add PUMP-101 --name "Loop pump" --parent WFI-1 --make Grundfos --model "CRN 10" --department Utilities --meter hours:h:counter --meter temp:C:gauge --reason "Commissioned"
"$bin" equipment tree
as tara 'Tech-second-phrase' meter record PUMP-101 hours 1000 --reason "Reading at commissioning"
three_days_ago=$(date -u -d "-3 days" +%F); today=$(date -u +%F)
plan() { as sam 'Green-field-oak-3' pm add "$@" | tail -1; }
fixed=$(plan --equipment AC-101 --sop "$sop" --title "Weekly autoclave check" --every 1 weeks --from "$three_days_ago" --grace-after 1 --assign tara --reason "PM programme")
floating=$(plan --equipment AC-101 --sop "$sop" --title "Monthly autoclave check" --every 1 months --from "$today" --floating --grace-after 3 --assign-role technician --reason "PM programme")
metered=$(plan --equipment PUMP-101 --sop "$sop" --title "Pump service every 500 h" --meter hours --every-units 500 --response-days 3 --grace-after 1 --assign tara --reason "Manufacturer's interval")
condition=$(plan --equipment PUMP-101 --sop "$sop" --title "Loop over temperature" --meter temp --above 80 --response-days 1 --assign tara --reason "Alert limit")
for id in "$fixed" "$floating" "$metered" "$condition"; do as victor 'Quiet-lake-ash-88' pm approve "$id" --reason "Reviewed against the maintenance programme"; done
"$bin" pm list

say "13. The daily run: the system key generates the jobs the plans call for. The weekly plan's first occurrence was due three days ago."
"$bin" pm run
echo "Tara reads the pump's meters: 520 hours more, and the loop over its alert limit."
as tara 'Tech-second-phrase' meter record PUMP-101 hours 1520 --reason "Weekly round"
as tara 'Tech-second-phrase' meter record PUMP-101 temp 85 --reason "Weekly round"
"$bin" pm run
echo "Running it again generates nothing twice:"
"$bin" pm run
echo "Tara's queue, by due date:"
RECREPO_USER=tara "$bin" wo list --mine

say "14. Tara does three of the jobs: the weekly one late (its window closed yesterday), the monthly and the pump service on time. On the monthly one the chamber pressure reads out of limits, and Sam signs a disposition."
do_job() {
    local job=$1 pressure=${2:-2.1}
    as tara 'Tech-second-phrase' wo start "$job" >/dev/null
    for step in 1 2; do as tara 'Tech-second-phrase' wo step "$job" "$step" >/dev/null; done
    as tara 'Tech-second-phrase' wo step "$job" 3 --value "$pressure"
    if [ "$pressure" != 2.1 ]; then
        echo "The pressure is outside its limits: the job cannot be completed until a supervisor decides."
        as tara 'Tech-second-phrase' wo complete "$job" --reason "All steps done" 2>&1 || echo "(refused, as it must be)"
        as sam 'Green-field-oak-3' wo disposition "$job" 3 --decision accept --reason "Gauge reads 0.2 bar high (calibration due); chamber pressure confirmed on the reference gauge"
    fi
    as tara 'Tech-second-phrase' wo complete "$job" --reason "All steps done"
}
job_of() { RECREPO_USER=tara "$bin" wo list --mine --format json | python3 -c 'import json,sys; plan=sys.argv[1]; print(next(j["id"] for j in json.load(sys.stdin) if j.get("plan")==plan))' "$1"; }
do_job "$(job_of "$fixed")"
do_job "$(job_of "$floating")" 2.4
do_job "$(job_of "$metered")"

say "15. Corrective work: Tara asks for it, Sam accepts the request into a job."
request=$(as tara 'Tech-second-phrase' wo request --equipment PUMP-101 --title "Seal weeping" --reason "Drops under the pump at the mechanical seal" | tail -1)
as sam 'Green-field-oak-3' wo accept "$request" --sop "$sop" --assign tara --priority high --reason "Seal to be replaced this week"
"$bin" wo requests --all

say "16. PM compliance: every occurrence, open, on time, late, missed or overdue, and the rate."
"$bin" pm compliance

say "17. Calibration: Dora's calibration procedure is approved; Sam registers three reference standards (one past its due date) and makes the loop's pressure gauge an instrument (2 bar ± 0.05, 100 °C ± 0.5 %, every 12 months)."
cat > "$work/gauge-calibration.md" <<'MARKDOWN'
# Pressure gauge calibration

- [ ] Connect the gauge and the reference to the comparator
- [ ] Read each test point as found; adjust if needed; read as left
MARKDOWN
calsop=$(as dora 'Red-kite-sky-41' sop new --title "Pressure gauge calibration" --file "$work/gauge-calibration.md" --reason "Calibration programme" | tail -1)
as dora 'Red-kite-sky-41' sop submit "$calsop" --reason "Ready for review" >/dev/null
as dan 'Blue-river-stone-7' sop review "$calsop" --reason "Checked against the gauge manual" >/dev/null
as victor 'Quiet-lake-ash-88' sop approve "$calsop" --reason "Approved for use" >/dev/null
in_a_year=$(date -u -d "+1 year" +%F); yesterday=$(date -u -d "-1 day" +%F)
as sam 'Green-field-oak-3' standard add STD-1 --name "Pressure reference" --certificate DKD-K-4711 --calibrated-by "Accredited calibration lab" --traceability "Traceable to the PTB national standard" --due "$in_a_year" --uncertainty "0.01 bar" --reason "New reference standard"
as sam 'Green-field-oak-3' standard add STD-2 --name "Temperature reference" --certificate DKD-K-0815 --calibrated-by "Accredited calibration lab" --traceability "Traceable to the PTB national standard" --due "$in_a_year" --uncertainty "0.1 °C" --reason "New reference standard"
as sam 'Green-field-oak-3' standard add STD-3 --name "Old temperature reference" --certificate DKD-K-0001 --calibrated-by "Accredited calibration lab" --traceability "Traceable to the PTB national standard" --due "$yesterday" --uncertainty "0.1 °C" --reason "Kept for the record"
as sam 'Green-field-oak-3' equipment add PG-1 --name "Loop pressure gauge" --parent WFI-1 --department Utilities --reason "Fitted on the loop"
as sam 'Green-field-oak-3' instrument set PG-1 --procedure "$calsop" --interval "12 months" --point low:2:bar:0.05 --point hot:100:°C:0.5% --reason "Calibrated yearly"
as sam 'Green-field-oak-3' equipment add PG-2 --name "Pump discharge gauge" --parent PUMP-101 --department Utilities --reason "Fitted on the pump"
as sam 'Green-field-oak-3' instrument set PG-2 --procedure "$calsop" --interval "6 months" --point low:2:bar:0.05 --reason "Calibrated twice a year"
"$bin" cal due

say "18. Tara calibrates the gauges. With the expired standard it is refused by name. The pump's gauge passes; on the loop's gauge, the low point is found out of tolerance and adjusted: recrepo computes every pass and fail, and opens a deviation in the same act. Victor approves the calibration."
as tara 'Tech-second-phrase' cal record PG-1 --standard STD-1 --standard STD-3 --as-found low=2.2 --as-found hot=100.2 --reason "Yearly calibration" 2>&1 || echo "(refused: STD-3 is out of calibration)"
as tara 'Tech-second-phrase' cal record PG-2 --standard STD-1 --as-found low=2.03 --reason "Six-monthly calibration"
cal=$(as tara 'Tech-second-phrase' cal record PG-1 --standard STD-1 --standard STD-2 --as-found low=2.2 --as-left low=2.01 --as-found hot=100.2 --reason "Yearly calibration" | tail -1)
"$bin" cal show "$cal"
as victor 'Quiet-lake-ash-88' cal approve "$cal" --reason "Calibration reviewed"
echo "If STD-1 were found out of calibration, this is what rests on it:"
"$bin" cal impact STD-1

say "18b. The deviation the calibration opened: Sam investigates and assesses it, opens a CAPA from it with an action for Tara; Victor (QA, not its opener) approves and closes the deviation."
dev=$("$bin" cal show "$cal" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["deviation"])')
as sam 'Green-field-oak-3' dev investigate "$dev" --root-cause "Gauge drifted after a pressure surge on the loop" --reason "Investigated"
as sam 'Green-field-oak-3' dev assess "$dev" --impact "Loop readings since the last calibration were within 0.2 bar; no batch affected" --reason "Assessed"
capa=$(as sam 'Green-field-oak-3' capa open --title "Pressure surges on the WFI loop" --deviation "$dev" --reason "Root cause needs a fix" | tail -1)
as sam 'Green-field-oak-3' capa plan "$capa" --action "Fit a snubber ahead of the gauge" --owner tara --due "$(date -u -d "+30 days" +%F)" --reason "Plan"
as victor 'Quiet-lake-ash-88' dev approve "$dev" --reason "Investigation and assessment adequate"
as victor 'Quiet-lake-ash-88' dev close "$dev" --reason "CAPA raised for the root cause"
"$bin" dev show "$dev"
"$bin" capa list

say "19. Training: Victor records Tara's training on the autoclave SOP and Tara acknowledges it; Alice turns the training gate on and Quinn approves; Ted, a new technician not yet trained, cannot start a job."
person ted "Ted Technician" technician Maintenance "badge: B-0104" 'Tall-tree-moss-5'
trn=$(as victor 'Quiet-lake-ash-88' train record tara "$sop" --revision 1 --reason "Supervised cycle and classroom" | tail -1)
as tara 'Tech-second-phrase' train acknowledge "$trn"
as alice 'Admin-pass-2026' policy change --set training-gate=true --reason "Training gates the work (change board 14)"
as quinn 'Quiet-harbour-88' policy approve --reason "Agreed at the change board"
"$bin" train due
"$bin" train matrix
tedjob=$(as sam 'Green-field-oak-3' wo new --sop "$sop" --equipment AC-101 --title "Autoclave check" --assign ted --reason "Weekly PM" | tail -1)
as ted 'Tall-tree-moss-5' wo start "$tedjob" 2>&1 || echo "(refused: Ted is not trained on $sop revision 1)"

say "20. The dashboard QA opens every morning, as text and as a printable page."
"$bin" dashboard
"$bin" dashboard --format html > "$work/dashboard.html"
echo "The dashboard page is $work/dashboard.html"

say "21. A checkpoint: the system signs a tag at the head, so that a later rollback of history is detected."
"$bin" checkpoint

say "22. The accounts and the audit trail (every act: when, who, what it means, why)."
"$bin" user list
"$bin" log

say "23. recrepo verify: every object, every signature against the key the account held at that time, every act replayed against the policy and the lifecycles, every checkpoint."
"$bin" verify

say "24. Independent check with stock git only: fsck and verify-commit on every commit."
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

say "Done. The demonstration repository is $RECREPO_REPO (keys beside it in $RECREPO_REPO/recrepo/, never in history). The rendered SOP page is $work/$sop.html; the dashboard is $work/dashboard.html."
