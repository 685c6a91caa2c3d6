package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestCalendarFeedHasShifts: a volunteer's private feed lists the shifts
// they hold a place on, and not those they only wait for or cancelled.
func TestCalendarFeedHasShifts(t *testing.T) {
	sw := newShiftWorld(t)
	shift := sw.post(t, 1).Shifts[0].ID
	path := fmt.Sprintf("/shifts/%d/signups", shift)
	sw.must(t, "vol", http.MethodPost, path, "", 201, nil)
	sw.must(t, "coord", http.MethodPost, path, "", 201, nil) // waits: the one place is taken

	uid := fmt.Sprintf("shift-%d@", shift)
	_, volFeed := feedToken(t, sw.world, "vol", "alpha")
	cal, body := parseFeed(t, sw.world, volFeed)
	if len(cal.Events()) != 1 || !strings.Contains(body, uid) || !strings.Contains(body, "Saturday distribution") ||
		!strings.Contains(body, "Main square 1") {
		t.Fatalf("the volunteer's feed lacks the shift:\n%s", body)
	}
	_, coordFeed := feedToken(t, sw.world, "coord", "alpha")
	if _, body := parseFeed(t, sw.world, coordFeed); strings.Contains(body, uid) {
		t.Errorf("a waiting sign-up is in the feed:\n%s", body)
	}

	// The volunteer cancels: the coordinator moves up, and the feeds follow.
	sw.must(t, "vol", http.MethodDelete, path+"/me", "", 204, nil)
	if _, body := parseFeed(t, sw.world, volFeed); strings.Contains(body, uid) {
		t.Errorf("a cancelled sign-up is still in the feed:\n%s", body)
	}
	if _, body := parseFeed(t, sw.world, coordFeed); !strings.Contains(body, uid) {
		t.Errorf("the promoted coordinator's feed lacks the shift:\n%s", body)
	}
}
