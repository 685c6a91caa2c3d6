package service

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode"

	"mutua/internal/domain"
)

// HSDSVersion is the version of the Open Referral Human Services Data
// Specification the JSON export follows.
const HSDSVersion = "3.0"

// HSDSExport is a community's directory shaped after Open Referral HSDS
// 3.0. HSDS 3.0 defines its objects (organization, service, location, …)
// and an API that pages through each kind, but no single document for a
// whole data set; this export is one object holding the three top-level
// tables as arrays, each row an HSDS object whose links are by id:
// service.organization_id and location.organization_id name an
// organization of the same document. Ids are stable strings built from
// the kind and the database id ("initiative-12", "organisation-7",
// "opportunity-3"), so that two downloads can be compared. Fields mutua
// does not know are left out rather than sent empty.
type HSDSExport struct {
	Version       string             `json:"hsds_version" doc:"the HSDS version followed, 3.0"`
	Community     string             `json:"community" doc:"the community's slug"`
	Name          string             `json:"name" doc:"the community's name"`
	Organizations []HSDSOrganization `json:"organizations"`
	Services      []HSDSService      `json:"services"`
	Locations     []HSDSLocation     `json:"locations"`
}

// HSDSOrganization is one directory entry: an initiative or an approved
// organisation.
type HSDSOrganization struct {
	ID          string      `json:"id" doc:"initiative-<id> or organisation-<id>"`
	Name        string      `json:"name"`
	Description string      `json:"description"`
	Website     string      `json:"website,omitempty"`
	Email       string      `json:"email,omitempty" doc:"the entry's contact when it is an email address"`
	Phones      []HSDSPhone `json:"phones,omitempty" doc:"the entry's contact when it is a phone number"`
	// Sector is the directory's own classification, outside HSDS.
	Sector string `json:"x_mutua_sector" doc:"the directory's sector (an extension to HSDS)"`
}

// HSDSPhone is a phone number of an organization.
type HSDSPhone struct {
	ID             string `json:"id"`
	OrganizationID string `json:"organization_id"`
	Number         string `json:"number"`
}

// HSDSService is one volunteering opportunity of an organisation.
type HSDSService struct {
	ID             string         `json:"id" doc:"opportunity-<id>"`
	OrganizationID string         `json:"organization_id"`
	Name           string         `json:"name"`
	Description    string         `json:"description"`
	Status         string         `json:"status" enum:"active"`
	Languages      []HSDSLanguage `json:"languages,omitempty"`
	Schedules      []HSDSSchedule `json:"schedules,omitempty" doc:"the weekly rule new shifts follow, when there is one"`
}

// HSDSLocation is the place of a directory entry.
type HSDSLocation struct {
	ID             string         `json:"id" doc:"location-initiative-<id> or location-organisation-<id>"`
	OrganizationID string         `json:"organization_id"`
	LocationType   string         `json:"location_type" enum:"physical"`
	Name           string         `json:"name"`
	Latitude       float64        `json:"latitude"`
	Longitude      float64        `json:"longitude"`
	Addresses      []HSDSAddress  `json:"addresses,omitempty"`
	Languages      []HSDSLanguage `json:"languages,omitempty"`
	Schedules      []HSDSSchedule `json:"schedules,omitempty" doc:"opening times, as the entry words them"`
}

// HSDSAddress is a physical address. The directory keeps one line of
// text; its last comma-separated part is taken as the city (with a
// leading postal code split off), the rest as address_1.
type HSDSAddress struct {
	ID          string `json:"id"`
	LocationID  string `json:"location_id"`
	Address1    string `json:"address_1"`
	City        string `json:"city,omitempty"`
	PostalCode  string `json:"postal_code,omitempty"`
	AddressType string `json:"address_type" enum:"physical"`
}

// HSDSLanguage is a language spoken at a location or in a service, by
// name as the directory holds it.
type HSDSLanguage struct {
	ID         string `json:"id"`
	ServiceID  string `json:"service_id,omitempty"`
	LocationID string `json:"location_id,omitempty"`
	Name       string `json:"name"`
}

// HSDSSchedule is when a service runs or a location opens: a weekly
// recurrence (freq, byday, opens_at, closes_at, until) or, for free-text
// opening times, a description only.
type HSDSSchedule struct {
	ID          string `json:"id"`
	ServiceID   string `json:"service_id,omitempty"`
	LocationID  string `json:"location_id,omitempty"`
	Freq        string `json:"freq,omitempty" enum:"WEEKLY"`
	ByDay       string `json:"byday,omitempty" doc:"comma-separated MO,TU,WE,TH,FR,SA,SU"`
	OpensAt     string `json:"opens_at,omitempty" doc:"HH:MM, the community's local time"`
	ClosesAt    string `json:"closes_at,omitempty" doc:"HH:MM, the community's local time"`
	Until       string `json:"until,omitempty" doc:"last date, YYYY-MM-DD"`
	Description string `json:"description,omitempty"`
}

// EntryExportID is the stable id of a directory entry in the exports.
func EntryExportID(e domain.DirectoryEntry) string {
	return fmt.Sprintf("%s-%d", e.Kind, e.ID)
}

// HSDS shapes the export after Open Referral HSDS 3.0.
func (x DirectoryExport) HSDS() HSDSExport {
	out := HSDSExport{Version: HSDSVersion, Community: x.Community.Slug, Name: x.Community.Name,
		Organizations: []HSDSOrganization{}, Services: []HSDSService{}, Locations: []HSDSLocation{}}
	for _, e := range x.Entries {
		id := EntryExportID(e)
		org := HSDSOrganization{ID: id, Name: e.Name, Description: e.Description, Website: e.Website, Sector: e.Sector}
		switch {
		case isEmail(e.Contact):
			org.Email = e.Contact
		case isPhone(e.Contact):
			org.Phones = []HSDSPhone{{ID: "phone-" + id, OrganizationID: id, Number: e.Contact}}
		}
		out.Organizations = append(out.Organizations, org)
		if !e.Location.Valid() {
			continue
		}
		locID := "location-" + id
		loc := HSDSLocation{ID: locID, OrganizationID: id, LocationType: "physical", Name: e.Name,
			Latitude: e.Location.Lat, Longitude: e.Location.Lng}
		if a1, city, postal := splitAddress(e.Address); a1 != "" {
			loc.Addresses = []HSDSAddress{{ID: "address-" + id, LocationID: locID, Address1: a1, City: city,
				PostalCode: postal, AddressType: "physical"}}
		}
		for i, l := range e.Languages {
			loc.Languages = append(loc.Languages, HSDSLanguage{ID: fmt.Sprintf("language-%s-%d", id, i+1),
				LocationID: locID, Name: l})
		}
		if e.OpeningTimes != "" {
			loc.Schedules = []HSDSSchedule{{ID: "schedule-" + id, LocationID: locID, Description: e.OpeningTimes}}
		}
		out.Locations = append(out.Locations, loc)
	}
	for _, o := range x.Opportunities {
		id := fmt.Sprintf("opportunity-%d", o.ID)
		svc := HSDSService{ID: id, OrganizationID: fmt.Sprintf("%s-%d", domain.EntryOrganisation, o.OrganisationID),
			Name: o.Title, Description: o.Description, Status: "active"}
		for i, l := range o.Languages {
			svc.Languages = append(svc.Languages, HSDSLanguage{ID: fmt.Sprintf("language-%s-%d", id, i+1),
				ServiceID: id, Name: l})
		}
		if r := o.Recurrence; !r.Empty() {
			days := make([]string, 0, len(r.Days))
			for _, d := range r.Days {
				days = append(days, strings.ToUpper(d[:min(2, len(d))]))
			}
			svc.Schedules = []HSDSSchedule{{ID: "schedule-" + id, ServiceID: id, Freq: "WEEKLY",
				ByDay: strings.Join(days, ","), OpensAt: r.Start, ClosesAt: r.End, Until: r.Until}}
		}
		out.Services = append(out.Services, svc)
	}
	return out
}

// isEmail reports whether s is a bare email address.
func isEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Name == "" && a.Address == s
}

// isPhone reports whether s reads as one phone number: digits with
// spaces, dashes, dots, slashes, brackets and a leading plus.
func isPhone(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits++
		case r == '+' && i == 0, strings.ContainsRune(" -./()", r):
		default:
			return false
		}
	}
	return digits >= 5 && digits <= 15
}

// splitAddress reads "Street 1, 3310 Žalec" as address_1 "Street 1",
// city "Žalec", postal code "3310"; a Dutch postal code ("3511 AB
// Utrecht") keeps its two letters. An address without a comma is
// address_1 alone.
func splitAddress(s string) (address1, city, postal string) {
	s = strings.TrimSpace(s)
	i := strings.LastIndex(s, ",")
	if i < 0 {
		return s, "", ""
	}
	address1, city = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
	if address1 == "" {
		return city, "", ""
	}
	words := strings.Fields(city)
	if len(words) < 2 || !isPostalNumber(words[0]) {
		return address1, city, ""
	}
	n := 1
	if len(words) > 2 && len(words[1]) == 2 && strings.IndexFunc(words[1], func(r rune) bool { return r < 'A' || r > 'Z' }) < 0 {
		n = 2
	}
	return address1, strings.Join(words[n:], " "), strings.Join(words[:n], " ")
}

// isPostalNumber reports whether w is digits, perhaps with dashes.
func isPostalNumber(w string) bool {
	return strings.IndexFunc(w, unicode.IsDigit) >= 0 &&
		strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) && r != '-' }) < 0
}
