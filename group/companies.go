package group

import (
	"context"
	"errors"

	"github.com/babillard/babillard/page"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// CompanyInput is what a user or a moderator types about a company. Legal
// name, phone and the head-office address (street and city, and for a
// Canadian address province and postal code) are required; the country is
// an ISO 3166-1 alpha-2 code and defaults to "CA" when empty. Registry
// numbers are optional and checked when present.
type CompanyInput struct {
	// LegalName is at most 200 characters; the registry numbers are read
	// in at most 256 bytes; HeadOffice's street is at most 200 characters
	// and its city 100; Phone at most 30 characters.
	LegalName      string  `json:"legal_name"`
	NEQ            string  `json:"neq"`
	BusinessNumber string  `json:"business_number"`
	SIRET          string  `json:"siret"`
	HeadOffice     Address `json:"head_office"`
	Phone          string  `json:"phone"`
}

// validateCompany checks in and returns the normalised company fields.
func validateCompany(in CompanyInput) (Company, error) {
	v := messages.Validator()
	c := Company{LegalName: text(v, "legal_name", in.LegalName, true, maxName)}
	c.NEQ, c.BusinessNumber, c.SIRET = registry(v, in)
	c.HeadOffice = address(v, "head_office", in.HeadOffice, true)
	c.Phone = phone(v, "phone", in.Phone, c.HeadOffice.Country, true)
	return c, v.Err()
}

// CreateCompany registers an active company with its first group, "Groupe
// 001". Only the board's staff with PowerCreateCompanies (moderators,
// admins) create companies directly; users ask with RequestCompany.
func (s *Service) CreateCompany(ctx context.Context, by Moderator, in CompanyInput) (Company, Group, error) {
	now := s.now()
	var c Company
	var g Group
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		if err := s.AuthorizeStaff(ctx, by, PowerCreateCompanies); err != nil {
			return err
		}
		var err error
		if c, err = validateCompany(in); err != nil {
			return err
		}
		c.ID, c.Status, c.CreatedAt = s.opts.NewID(), CompanyActive, now
		g = Group{ID: s.opts.NewID(), CompanyID: c.ID, Name: DefaultGroupName, CreatedAt: now}
		if err := s.store.CreateCompany(ctx, &c); err != nil {
			return err
		}
		if err := s.store.CreateGroup(ctx, &g); err != nil {
			return err
		}
		return s.emit(ctx, TopicCompanyCreated, g.ID, c.ID, now, CompanyPayload{CompanyID: c.ID, LegalName: c.LegalName})
	})
	if err != nil {
		return Company{}, Group{}, err
	}
	return c, g, nil
}

// RequestCompany asks the board to create a company that the user did not
// find, and to open its first group with the user as Principal. The company
// stays pending, and hidden from searches of active companies, until a
// moderator approves the returned join request (ApproveGroupRequest), which
// activates the company too; refusing it refuses the company.
func (s *Service) RequestCompany(ctx context.Context, userID uuid.UUID, in CompanyInput) (Company, JoinRequest, error) {
	c, err := validateCompany(in)
	if err != nil {
		return Company{}, JoinRequest{}, err
	}
	now := s.now()
	c.ID, c.Status, c.RequestedBy, c.CreatedAt = s.opts.NewID(), CompanyPending, userID, now
	r := JoinRequest{ID: s.opts.NewID(), UserID: userID, CompanyID: c.ID, NewGroup: true, GroupName: DefaultGroupName, Status: RequestPending, CreatedAt: now}
	err = s.store.Atomic(ctx, func(ctx context.Context) error {
		u, err := s.liveUser(ctx, userID)
		if err != nil {
			return err
		}
		if u.CompanyID != uuid.Nil {
			return messages.Error(ErrNotAllowed, "member.other_company")
		}
		if err := s.store.CreateCompany(ctx, &c); err != nil {
			return err
		}
		if err := s.store.CreateJoinRequest(ctx, &r); err != nil {
			return err
		}
		return s.emit(ctx, TopicJoinRequestCreated, uuid.Nil, r.ID, now, requestPayload(r))
	})
	if err != nil {
		return Company{}, JoinRequest{}, err
	}
	return c, r, nil
}

// Company returns a company by ID; an unknown ID is company.not_found,
// unwrapping to storage.ErrNotFound.
func (s *Service) Company(ctx context.Context, id uuid.UUID) (Company, error) {
	c, err := s.store.Company(ctx, id)
	return c, found(err, "company.not_found")
}

// SearchCompanies finds active companies by keyword (legal name or city,
// case- and accent-insensitive: "montreal" finds "Montréal") or by registry
// number (NEQ, CRA business number with or without its program account,
// SIRET; spaces and hyphens ignored). A query that looks like a number (at
// least 9 digits and nothing but digits, letters, spaces and hyphens)
// searches registry numbers; anything else searches keywords. Duplicates are
// all returned, one page at a time, ordered by legal name (byte-wise) then
// ID; see package page for cursors and sizes. A query longer than 200
// characters (once trimmed) is bad input (field "query", code "too_long"), reported with
// the page's faults in one *i18n.ValidationError; an empty query finds
// nothing.
func (s *Service) SearchCompanies(ctx context.Context, query string, p page.Page) (page.Result[Company], error) {
	v := messages.Validator()
	query = text(v, "query", query, false, maxName)
	if _, err := p.Window(); err != nil {
		v.Merge("", err)
	}
	if err := v.Err(); err != nil {
		return page.Result[Company]{}, err
	}
	q := CompanyQuery{Status: CompanyActive}
	if looksLikeRegistryNumber(query) {
		q.RegistryNumber = registryKey(query)
	} else {
		q.Keyword = Fold(query)
	}
	return page.Fetch(p, func(w page.Window) ([]Company, error) {
		if q.Keyword == "" && q.RegistryNumber == "" {
			return []Company{}, nil
		}
		return s.store.SearchCompaniesPage(ctx, q, w)
	}, CompanyKey)
}

// UpdateCompany edits the company of the actor's group ("My company"). It
// needs EditCompany.
func (s *Service) UpdateCompany(ctx context.Context, a Actor, in CompanyInput) (Company, error) {
	fields, err := validateCompany(in)
	if err != nil {
		return Company{}, err
	}
	var out Company
	err = s.store.Atomic(ctx, func(ctx context.Context) error {
		if _, err := s.authorize(ctx, a, EditCompany); err != nil {
			return err
		}
		g, err := s.store.Group(ctx, a.GroupID)
		if err != nil {
			return err
		}
		c, err := s.store.Company(ctx, g.CompanyID)
		if err != nil {
			return err
		}
		c.LegalName, c.NEQ, c.BusinessNumber, c.SIRET = fields.LegalName, fields.NEQ, fields.BusinessNumber, fields.SIRET
		c.HeadOffice, c.Phone = fields.HeadOffice, fields.Phone
		if err := s.store.UpdateCompany(ctx, &c); err != nil {
			return err
		}
		out = c
		return nil
	})
	return out, err
}

// CreateGroup opens another group for a company (agencies keep one per
// client, office or region). Extra groups are created by the board on
// request (PowerCreateCompanies); the new group has no member until someone
// joins or is added.
func (s *Service) CreateGroup(ctx context.Context, by Moderator, companyID uuid.UUID, name string) (Group, error) {
	var g Group
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		if err := s.AuthorizeStaff(ctx, by, PowerCreateCompanies); err != nil {
			return err
		}
		v := messages.Validator()
		name := text(v, "name", name, true, maxName)
		if err := v.Err(); err != nil {
			return err
		}
		g = Group{ID: s.opts.NewID(), CompanyID: companyID, Name: name, CreatedAt: s.now()}
		return s.createGroup(ctx, &g)
	})
	if err != nil {
		return Group{}, err
	}
	return g, nil
}

// createGroup stores g after checking that its company is active and has no
// group of the same name.
func (s *Service) createGroup(ctx context.Context, g *Group) error {
	c, err := s.store.Company(ctx, g.CompanyID)
	if err != nil {
		return found(err, "company.not_found")
	}
	if c.Status != CompanyActive {
		return messages.Error(ErrNotAllowed, "company.not_active")
	}
	groups, err := s.store.GroupsOfCompany(ctx, g.CompanyID)
	if err != nil {
		return err
	}
	for _, other := range groups {
		if Fold(other.Name) == Fold(g.Name) {
			v := messages.Validator()
			v.Add("name", "group.name_taken")
			return v.Err()
		}
	}
	if err := s.store.CreateGroup(ctx, g); err != nil {
		return err
	}
	return s.emit(ctx, TopicGroupCreated, g.ID, g.ID, g.CreatedAt, GroupPayload{GroupID: g.ID, CompanyID: g.CompanyID, Name: g.Name})
}

// Group returns a group by ID; an unknown ID is group.not_found, unwrapping
// to storage.ErrNotFound.
func (s *Service) Group(ctx context.Context, id uuid.UUID) (Group, error) {
	g, err := s.store.Group(ctx, id)
	return g, found(err, "group.not_found")
}

// GroupsOfCompany returns a page of a company's groups, oldest first
// (creation time, then ID; see package page).
func (s *Service) GroupsOfCompany(ctx context.Context, companyID uuid.UUID, p page.Page) (page.Result[Group], error) {
	return page.Fetch(p, func(w page.Window) ([]Group, error) {
		return s.store.GroupsOfCompanyPage(ctx, companyID, w)
	}, GroupKey)
}

// UpdateProfile replaces the public profile of the actor's group (shown on
// every offer). An incomplete profile is accepted; Missing and
// CheckReadyToPost tell what remains. It needs EditCompany.
func (s *Service) UpdateProfile(ctx context.Context, a Actor, in Profile) (Group, error) {
	v := messages.Validator()
	p := Profile{
		Logo:               text(v, "logo", in.Logo, false, maxReference),
		Name:               text(v, "name", in.Name, false, maxName),
		Description:        bilingual(v, "description", in.Description, false, maxText),
		Website:            website(v, "website", in.Website),
		Address:            address(v, "address", in.Address, false),
		CompanyDescription: bilingual(v, "company_description", in.CompanyDescription, false, maxText),
	}
	p.Phone = phone(v, "phone", in.Phone, p.Address.Country, false)
	if err := v.Err(); err != nil {
		return Group{}, err
	}
	var out Group
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		if _, err := s.authorize(ctx, a, EditCompany); err != nil {
			return err
		}
		g, err := s.store.Group(ctx, a.GroupID)
		if err != nil {
			return err
		}
		g.Profile = p
		if err := s.store.UpdateGroup(ctx, &g); err != nil {
			return err
		}
		out = g
		return nil
	})
	return out, err
}

// CheckReadyToPost returns nil when the group's public profile is complete,
// and otherwise a *ValidationError naming every missing field (code
// "required", fields "profile.logo", "profile.name"…), so that a UI shows
// what to complete before the first offer.
func (s *Service) CheckReadyToPost(ctx context.Context, groupID uuid.UUID) error {
	g, err := s.store.Group(ctx, groupID)
	if err != nil {
		return err
	}
	v := messages.Validator()
	for _, field := range g.Profile.Missing() {
		v.Add("profile."+field, "required")
	}
	return v.Err()
}

// isDuplicate reports whether err is a storage duplicate.
func isDuplicate(err error) bool { return errors.Is(err, storage.ErrDuplicate) }

// looksLikeRegistryNumber reports whether a search query is a registry
// number: only ASCII letters, digits, spaces and hyphens, with at least 9
// digits.
func looksLikeRegistryNumber(query string) bool {
	digits := 0
	for _, r := range query {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r == ' ', r == '-':
		default:
			return false
		}
	}
	return digits >= 9
}
