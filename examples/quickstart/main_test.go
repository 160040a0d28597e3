package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
)

// TestQuickstartRuns runs the walk-through the README advertises and checks
// that each step reached its end.
func TestQuickstartRuns(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	read := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		read <- string(b)
	}()
	stdout := os.Stdout
	os.Stdout = w
	runErr := run(context.Background())
	os.Stdout = stdout
	w.Close()
	out := <-read
	if runErr != nil {
		t.Fatalf("quickstart failed: %v\n%s", runErr, out)
	}
	for _, want := range []string{
		"a second bootstrap: refused [staff.bootstrap_closed]",
		"the moderator tries to grant credits: refused [forbidden.staff.grant_credits]",
		"an ID that is not on the roster: refused [forbidden.moderator]",
		"[email.free_domain]",
		"is pending (postal code normalised to J8E 1X1)",
		"now finds 1 company",
		"ready to post? yes",
		"Jean tries to make himself Principal: refused [forbidden.manage_members]",
		"the first link: refused [token.invalid]",
		"Sophie joins with roles [finance_manager]",
		"Marie tries to leave: refused [member.last_principal]",
		"group.invitation.accepted",
		"Job posting – Engineer profile: 4 available, 1 reserved, 0 consumed",
		"is To revise (À réviser)",
		"is Scheduled (Bientôt publiée) until 2026-11-27 00:00",
		"is Published (En cours) on 2026-11-27, online until 2026-12-26 (its last day; it ends at 2026-12-27 00:00)",
		"now online until 2027-01-02 (1 extension)",
		"is Archived (Archivée); actions left: []",
		"board     refuse     in_validation → to_revise  « Précisez le salaire offert. »",
		"clock     expire     published → expired",
		"offer.expiring",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
