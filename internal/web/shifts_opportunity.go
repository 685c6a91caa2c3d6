package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"mutua/internal/domain"
	"mutua/internal/i18n"
	"mutua/internal/service"
)

// shiftsOpportunityPage is one opportunity with its shifts to come and,
// for members, the forms to sign up and cancel.
type shiftsOpportunityPage struct {
	*shiftsBase
	Opportunity  domain.Opportunity
	Organisation domain.Organisation
	Category     string
	Rows         []shiftsRow
	// Member is true for members of the community, who may sign up.
	Member bool
	// Runs is true for those who run the organisation.
	Runs   bool
	Notice string
	// Failed is the shift whose sign-up came back with an error, 0 for none.
	Failed int64
}

// shiftsRow is one shift in the table, with what the reader may do.
type shiftsRow struct {
	ID              int64
	When            string
	Free, Waiting   string
	Mine            *service.MySignup
	Status          string
	SignUp          *shiftsSignupForm
	CancelURL       string
	OpportunityID   int64
	CanCancelSignup bool
}

// shiftsSignupForm is the sign-up form of one shift. Its fields have ids of
// their own, since the page holds one form per shift.
type shiftsSignupForm struct {
	Action        string
	ShiftID       int64
	OpportunityID int64
	// Full warns that this sign-up joins the waiting list.
	Full bool
	// Error is the message of a sign-up that failed, next to its form.
	Error                 string
	TeamSize, TeamContact input
	// MinAge > 0 asks everyone signed up to be at least that old.
	MinAge       int
	AgeID        string
	AgeError     string
	AgeConfirmed bool
	GroupOpen    bool
}

// CalendarURL is the opportunity's public calendar of shifts.
func (s *shiftsOpportunityPage) CalendarURL() string {
	return "/api/v1/communities/" + url.PathEscape(s.Community.Slug) + "/opportunities/" +
		strconv.FormatInt(s.Opportunity.ID, 10) + ".ics"
}

// OverviewURL is the organisation's overview of its shifts, for those who run it.
func (s *shiftsOpportunityPage) OverviewURL() string {
	return s.OrganisationURL(s.Organisation.ID) + "/shifts"
}

// JoinURL is where a logged-in person who is not a member joins.
func (s *shiftsOpportunityPage) JoinURL() string { return communityURL(s.Community.Slug) + "/join" }

// shiftsSignupData is what the "shifts_signup" partial needs: the form and
// the page that translates it.
type shiftsSignupData struct {
	Page *shiftsOpportunityPage
	Form *shiftsSignupForm
}

// SignupOf pairs a shift's sign-up form with the page, for the partial.
func (s *shiftsOpportunityPage) SignupOf(f *shiftsSignupForm) shiftsSignupData {
	return shiftsSignupData{Page: s, Form: f}
}

func (p *Pages) shiftsOpportunity(w http.ResponseWriter, r *http.Request) {
	c, v, ok := p.communityView(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "opportunity")
	if err != nil {
		p.shiftsFail(w, r, v, r.URL.RequestURI(), err)
		return
	}
	page, err := p.shiftsOpportunityPage(r, shiftsBaseOf(c, v, "opportunities"), id, 0)
	if err != nil {
		p.shiftsFail(w, r, v, r.URL.RequestURI(), err)
		return
	}
	q := r.URL.Query()
	page.Notice = shiftsNotice(page, q.Get("signed_up"), q.Get("cancelled"))
	p.render(w, r, http.StatusOK, "shifts_opportunity", page)
}

// shiftsOpportunityPage loads the opportunity, its organisation, whether
// the reader runs it, and the reader's own sign-ups; failed names the shift
// whose sign-up form shows the error on the page's form.
func (p *Pages) shiftsOpportunityPage(r *http.Request, b *shiftsBase, id, failed int64) (*shiftsOpportunityPage, error) {
	ctx, slug := r.Context(), b.Community.Slug
	o, err := p.svc.Opportunity(ctx, slug, id)
	if err != nil {
		return nil, err
	}
	org, err := p.svc.Organisation(ctx, slug, o.OrganisationID)
	if err != nil {
		return nil, err
	}
	page := &shiftsOpportunityPage{shiftsBase: b, Opportunity: o, Organisation: org,
		Category: b.CategoryName(o.Category), Failed: failed}
	mine := map[int64]*service.MySignup{}
	if b.User != nil && p.svc.Role(ctx, b.Community) != "" {
		page.Member = true
		if page.Runs, err = p.svc.RunsOrganisation(ctx, slug, org.ID); err != nil {
			return nil, err
		}
		list, err := p.svc.MySignups(ctx, slug, service.MySignupQuery{OpportunityID: o.ID, Since: time.Now()})
		if err != nil {
			return nil, err
		}
		for i := range list {
			mine[list[i].Shift.ID] = &list[i]
		}
	}
	now := time.Now()
	for _, sh := range o.Shifts {
		if !sh.Start.After(now) {
			continue
		}
		page.Rows = append(page.Rows, page.row(sh, mine[sh.ID], now))
	}
	return page, nil
}

// row describes one shift to come.
func (s *shiftsOpportunityPage) row(sh domain.Shift, mine *service.MySignup, now time.Time) shiftsRow {
	row := shiftsRow{ID: sh.ID, When: s.ShiftTime(sh), OpportunityID: s.Opportunity.ID,
		Free:    s.T("shifts.free", "Free", s.tr.Int(int64(sh.Free)), "Capacity", s.tr.Int(int64(sh.Capacity))),
		Waiting: s.T("shifts.waiting", i18n.CountArg, sh.Waiting)}
	open := sh.Status == domain.ShiftOpen && sh.Start.After(now)
	if mine != nil {
		row.Mine, row.Status = mine, shiftsStatus(s.view, *mine)
		if open && (mine.Signup.Status == domain.SignupConfirmed || mine.Signup.Status == domain.SignupWaitlisted) {
			row.CanCancelSignup, row.CancelURL = true, s.shiftURL(sh.ID, "cancel")
		}
		return row
	}
	if open && s.Member {
		row.SignUp = s.signupForm(sh)
	}
	return row
}

// signupForm describes the sign-up form of a shift, with the answers and
// errors of the form that came back when it is the failed one.
func (s *shiftsOpportunityPage) signupForm(sh domain.Shift) *shiftsSignupForm {
	n := strconv.FormatInt(sh.ID, 10)
	f := &shiftsSignupForm{Action: s.shiftURL(sh.ID, "signup"), ShiftID: sh.ID, OpportunityID: s.Opportunity.ID,
		Full: sh.Free == 0, MinAge: s.Opportunity.MinAge, AgeID: "f-age_confirmed-" + n,
		TeamSize: s.ShiftsInput("team_size", "text", s.T("shifts.signup.team_size.label"),
			s.T("shifts.signup.team_size.hint"), false).Numeric(),
		TeamContact: s.ShiftsInput("team_contact", "text", s.T("shifts.signup.team_contact.label"),
			s.T("shifts.signup.team_contact.hint"), false)}
	f.TeamSize.ID, f.TeamContact.ID = "f-team_size-"+n, "f-team_contact-"+n
	if s.Failed != sh.ID {
		f.TeamSize.Value, f.TeamSize.Error, f.TeamContact.Value, f.TeamContact.Error = "", "", "", ""
		return f
	}
	f.AgeError, f.AgeConfirmed = s.Form.Error("age_confirmed"), s.Form.Value("age_confirmed") != ""
	f.GroupOpen = f.TeamSize.Value != "" || f.TeamContact.Value != "" || f.TeamSize.Error != "" || f.TeamContact.Error != ""
	// A refusal that concerns none of the form's fields (a closed shift,
	// a missing check) is said above the button instead.
	if f.AgeError == "" && f.TeamSize.Error == "" && f.TeamContact.Error == "" {
		f.Error = s.Form.Summary
	}
	return f
}

// shiftsStatus says where one's sign-up stands, with the place in the
// queue for the waiting list.
func shiftsStatus(v *view, m service.MySignup) string {
	if m.Signup.Status == domain.SignupWaitlisted {
		return v.T("shifts.status.waitlisted", "Position", m.Position)
	}
	return v.T("shifts.status." + string(m.Signup.Status))
}

// shiftsNotice is the confirmation after signing up or cancelling, worded
// by the sign-up's real status, so a crafted link says nothing untrue.
func shiftsNotice(page *shiftsOpportunityPage, signedUp, cancelled string) string {
	for _, row := range page.Rows {
		id := strconv.FormatInt(row.ID, 10)
		switch {
		case signedUp == id && row.Mine != nil && row.Mine.Signup.Status == domain.SignupConfirmed:
			return page.T("shifts.notice.confirmed", "When", row.When)
		case signedUp == id && row.Mine != nil && row.Mine.Signup.Status == domain.SignupWaitlisted:
			return page.T("shifts.notice.waitlisted", "When", row.When, "Position", row.Mine.Position)
		case cancelled == id && page.Member && row.Mine == nil:
			return page.T("shifts.notice.cancelled", "When", row.When)
		}
	}
	return ""
}

// shiftsSignUp signs the person up and returns to the opportunity, which
// says whether they have a place or wait; a refusal comes back on the page
// next to the shift's form.
func (p *Pages) shiftsSignUp(w http.ResponseWriter, r *http.Request) {
	c, v, ok := p.communityView(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, v, err)
		return
	}
	b := shiftsBaseOf(c, v, "opportunities")
	oppID := formID(r.PostForm, "opportunity")
	back := b.Nav.OpportunitiesURL()
	if oppID > 0 {
		back = b.OpportunityURL(oppID)
	}
	shiftID, err := pathID(r, "shift")
	if err != nil || oppID == 0 {
		p.shiftsFail(w, r, v, back, domain.ErrNotFound)
		return
	}
	if v.User == nil {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(back), http.StatusSeeOther)
		return
	}
	sg, problems := readSignup(r.PostForm)
	if len(problems) == 0 {
		_, err = p.svc.SignUp(r.Context(), c.Slug, shiftID, sg)
	} else {
		err = problems.Err()
	}
	switch kind := domain.KindOf(err); {
	case err == nil:
		http.Redirect(w, r, back+"?signed_up="+strconv.FormatInt(shiftID, 10)+"#shift-"+strconv.FormatInt(shiftID, 10),
			http.StatusSeeOther)
		return
	case kind == domain.KindInvalid || kind == domain.KindConflict || kind == domain.KindForbidden:
		for _, name := range []string{"team_size", "team_contact", "age_confirmed"} {
			v.Form.set(name, r.PostForm.Get(name))
		}
		failShiftsForm(v.Form, v.tr, err)
		// The summary links to the fields of this shift's form.
		for i := range v.Form.Problems {
			v.Form.Problems[i].ID += "-" + strconv.FormatInt(shiftID, 10)
		}
		page, perr := p.shiftsOpportunityPage(r, b, oppID, shiftID)
		if perr != nil {
			p.shiftsFail(w, r, v, back, perr)
			return
		}
		p.render(w, r, http.StatusUnprocessableEntity, "shifts_opportunity", page)
	default:
		p.shiftsFail(w, r, v, back, err)
	}
}

// readSignup reads the sign-up form: an empty team size is one person.
func readSignup(vals url.Values) (domain.Signup, domain.Problems) {
	var pr domain.Problems
	sg := domain.Signup{TeamContact: vals.Get("team_contact"), AgeConfirmed: vals.Get("age_confirmed") != ""}
	if s := strings.TrimSpace(vals.Get("team_size")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > domain.MaxTeamSize {
			pr.Add("team_size", "range", "a team has 1 to 500 people")
		}
		sg.TeamSize = n
	}
	return sg, pr
}

// shiftsCancel takes the person off a shift or its waiting list and
// returns to where they cancelled: their list of shifts or the opportunity.
func (p *Pages) shiftsCancel(w http.ResponseWriter, r *http.Request) {
	c, v, ok := p.communityView(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, v, err)
		return
	}
	b := shiftsBaseOf(c, v, "shifts")
	back := b.Nav.MyShiftsURL()
	if oppID := formID(r.PostForm, "opportunity"); oppID > 0 {
		back = b.OpportunityURL(oppID)
	}
	shiftID, err := pathID(r, "shift")
	if err != nil {
		p.shiftsFail(w, r, v, back, err)
		return
	}
	if err := p.svc.CancelSignup(r.Context(), c.Slug, shiftID); err != nil {
		p.shiftsFail(w, r, v, back, err)
		return
	}
	http.Redirect(w, r, back+"?cancelled="+strconv.FormatInt(shiftID, 10), http.StatusSeeOther)
}
