package offer

import (
	"context"
	"strings"

	"github.com/babillard/babillard/group"
	"github.com/google/uuid"
)

// Preview is an offer as job seekers will see it: its content with the
// group's public profile (logo, name, "about the company", website) and
// the address behind the "see on the map" link.
type Preview struct {
	Offer   Offer         `json:"offer"`
	Content Content       `json:"content"`
	Company group.Profile `json:"company"`
	// MapAddress is the one-line address of the workplace (the exact
	// address, or the cities and regions), empty outside Quebec.
	MapAddress string `json:"map_address"`
}

// Preview returns the preview of an offer of the actor's group, showing a
// pending revision when there is one. It refuses, with the missing fields
// of the group's profile, while that profile is incomplete: an offer never
// shows without its employer's logo and information. It needs
// group.ViewDashboard.
func (s *Service) Preview(ctx context.Context, a group.Actor, id uuid.UUID) (Preview, error) {
	o, err := s.Get(ctx, a, id)
	if err != nil {
		return Preview{}, err
	}
	if err := s.members.CheckReadyToPost(ctx, o.GroupID); err != nil {
		return Preview{}, err
	}
	g, err := s.members.Group(ctx, o.GroupID)
	if err != nil {
		return Preview{}, err
	}
	c := o.Content
	if o.Revision != nil {
		c = *o.Revision
	}
	return Preview{Offer: o, Content: c, Company: g.Profile, MapAddress: mapAddress(c.Workplace)}, nil
}

// mapAddress writes a workplace on one line for a map link.
func mapAddress(w Workplace) string {
	switch w.Kind {
	case AtAddress:
		a := w.Address
		return strings.Join(nonEmpty(a.Street, a.City, "QC", a.PostalCode, "Canada"), ", ")
	case InPlaces:
		var parts []string
		for _, p := range w.Places {
			parts = append(parts, strings.Join(nonEmpty(p.City, p.Region.NameFR(), "QC"), ", "))
		}
		return strings.Join(parts, " ; ")
	}
	return ""
}

func nonEmpty(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}
