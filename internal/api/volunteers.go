package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"mutua/internal/domain"
)

type volunteerBody struct {
	Skills       []string      `json:"skills" maxItems:"40" doc:"categories you help with, and your own words"`
	Languages    []string      `json:"languages" maxItems:"20"`
	Location     domain.Point  `json:"location" doc:"your home; never shown to others"`
	RadiusKM     float64       `json:"radius_km" doc:"how far you will travel"`
	Availability []domain.Slot `json:"availability" maxItems:"50"`
	MaxActive    int           `json:"max_active,omitempty" doc:"how many tasks at a time; 2 when omitted"`
}

type putVolunteerInput struct {
	Community string `path:"c" maxLength:"40"`
	Body      volunteerBody
}

type volunteerOutput struct{ Body domain.Volunteer }

type volunteerIDInput struct {
	Community string `path:"c" maxLength:"40"`
	UserID    int64  `path:"user"`
}

type vettingInput struct {
	Community string `path:"c" maxLength:"40"`
	UserID    int64  `path:"user"`
	Body      struct {
		Vetted bool `json:"vetted"`
	}
}

type settingsInput struct {
	Community string `path:"c" maxLength:"40"`
	Body      domain.Settings
}

func (a *API) registerVolunteers(h huma.API) {
	secured(a, h, http.MethodPut, "/communities/{c}/volunteers/me", "put-my-volunteer",
		"Create or replace your volunteer profile", 0, a.putMyVolunteer)
	secured(a, h, http.MethodGet, "/communities/{c}/volunteers/me", "get-my-volunteer",
		"Your volunteer profile", 0, a.getMyVolunteer)
	secured(a, h, http.MethodGet, "/communities/{c}/volunteers/{user}", "get-volunteer",
		"A volunteer's profile (coordinators)", 0, a.getVolunteer)
	secured(a, h, http.MethodPut, "/communities/{c}/volunteers/{user}/vetting", "set-vetting",
		"Record that a volunteer was vetted, or withdraw it (coordinators)", 0, a.setVetting)
	secured(a, h, http.MethodPut, "/communities/{c}/settings", "update-settings",
		"Change the community's time zone, vetting rules and offer mode (admins)", 0, a.updateSettings)
}

func (a *API) putMyVolunteer(ctx context.Context, in *putVolunteerInput) (*volunteerOutput, error) {
	b := in.Body
	v, err := a.svc.PutMyVolunteer(ctx, in.Community, domain.Volunteer{Skills: b.Skills, Languages: b.Languages,
		Home: b.Location, RadiusKM: b.RadiusKM, Availability: b.Availability, MaxActive: b.MaxActive})
	return result(ctx, a, &volunteerOutput{Body: v}, err)
}

func (a *API) getMyVolunteer(ctx context.Context, in *slugInput) (*volunteerOutput, error) {
	v, err := a.svc.MyVolunteer(ctx, in.Community)
	return result(ctx, a, &volunteerOutput{Body: v}, err)
}

func (a *API) getVolunteer(ctx context.Context, in *volunteerIDInput) (*volunteerOutput, error) {
	v, err := a.svc.Volunteer(ctx, in.Community, in.UserID)
	return result(ctx, a, &volunteerOutput{Body: v}, err)
}

func (a *API) setVetting(ctx context.Context, in *vettingInput) (*volunteerOutput, error) {
	v, err := a.svc.SetVetted(ctx, in.Community, in.UserID, in.Body.Vetted)
	return result(ctx, a, &volunteerOutput{Body: v}, err)
}

func (a *API) updateSettings(ctx context.Context, in *settingsInput) (*communityOutput, error) {
	c, err := a.svc.UpdateSettings(ctx, in.Community, in.Body)
	return result(ctx, a, &communityOutput{Body: c}, err)
}
