package group

import (
	"context"
	"errors"
	"time"

	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/page"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// UserProfile is what a user may edit about themselves: everything but the
// e-mail address, which is the login identity (see RequestEmailChange).
type UserProfile struct {
	// FirstName, LastName and Function are at most 100 characters each,
	// Phone 30 and Extension 6 digits.
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Function  string `json:"function"`
	Phone     string `json:"phone"`
	Extension string `json:"extension"`
}

// validate checks a profile: names required; function, phone and extension
// optional.
func (p UserProfile) validate(v *i18n.Validator) UserProfile {
	return UserProfile{
		FirstName: text(v, "first_name", p.FirstName, true, maxShort),
		LastName:  text(v, "last_name", p.LastName, true, maxShort),
		Function:  text(v, "function", p.Function, false, maxShort),
		Phone:     phone(v, "phone", p.Phone, "CA", false),
		Extension: extension(v, "extension", p.Extension),
	}
}

// professionalEmail normalises an e-mail address and refuses free webmail
// domains, recording faults under field.
func (s *Service) professionalEmail(v *i18n.Validator, field, raw string) string {
	email, code := NormalizeEmail(raw)
	if code != "" {
		v.Add(field, code)
		return ""
	}
	if d := emailDomain(email); s.opts.IsFreeMail(d) {
		v.Add(field, "email.free_domain", d)
		return ""
	}
	return email
}

// RegisterUser creates an employer account. The e-mail must be a
// professional address (free webmail refused) not yet used by another
// account; it becomes the login identity. The account belongs to no company
// until the user joins a group (RequestToJoin, RequestGroup, RequestCompany,
// AcceptInvitation).
func (s *Service) RegisterUser(ctx context.Context, email string, p UserProfile) (User, error) {
	v := messages.Validator()
	email = s.professionalEmail(v, "email", email)
	p = p.validate(v)
	if err := v.Err(); err != nil {
		return User{}, err
	}
	u := User{ID: s.opts.NewID(), Email: email, FirstName: p.FirstName, LastName: p.LastName,
		Function: p.Function, Phone: p.Phone, Extension: p.Extension, CreatedAt: s.now()}
	if err := s.store.CreateUser(ctx, &u); err != nil {
		if isDuplicate(err) {
			v.Add("email", "email.taken")
			return User{}, v.Err()
		}
		return User{}, err
	}
	return u, nil
}

// User returns a user by ID.
func (s *Service) User(ctx context.Context, id uuid.UUID) (User, error) {
	return s.store.User(ctx, id)
}

// UserByEmail returns the user whose login is email (any case).
func (s *Service) UserByEmail(ctx context.Context, email string) (User, error) {
	e, code := NormalizeEmail(email)
	if code != "" {
		return User{}, storage.ErrNotFound
	}
	return s.store.UserByEmail(ctx, e)
}

// UpdateUserProfile edits the user's own profile (names, function, phone,
// extension); the e-mail never changes here. userID is the acting user:
// nobody edits another person's profile.
func (s *Service) UpdateUserProfile(ctx context.Context, userID uuid.UUID, p UserProfile) (User, error) {
	v := messages.Validator()
	p = p.validate(v)
	if err := v.Err(); err != nil {
		return User{}, err
	}
	var out User
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		u, err := s.liveUser(ctx, userID)
		if err != nil {
			return err
		}
		u.FirstName, u.LastName, u.Function, u.Phone, u.Extension = p.FirstName, p.LastName, p.Function, p.Phone, p.Extension
		if err := s.store.UpdateUser(ctx, &u); err != nil {
			return err
		}
		out = u
		return nil
	})
	return out, err
}

// RequestEmailChange starts changing the user's login e-mail: it returns a
// token for the link the host e-mails to the new address. The old address
// stays the login until ConfirmEmailChange; a new request voids the previous
// token.
func (s *Service) RequestEmailChange(ctx context.Context, userID uuid.UUID, newEmail string) (token string, err error) {
	v := messages.Validator()
	email := s.professionalEmail(v, "email", newEmail)
	if err := v.Err(); err != nil {
		return "", err
	}
	now := s.now()
	token = s.opts.NewToken()
	err = s.store.Atomic(ctx, func(ctx context.Context) error {
		u, err := s.liveUser(ctx, userID)
		if err != nil {
			return err
		}
		if email == u.Email {
			v.Add("email", "email.unchanged")
			return v.Err()
		}
		if other, err := s.store.UserByEmail(ctx, email); err == nil && other.ID != u.ID {
			v.Add("email", "email.taken")
			return v.Err()
		} else if err != nil && !errors.Is(err, storage.ErrNotFound) {
			return err
		}
		u.PendingEmail, u.PendingEmailHash, u.PendingEmailExpires = email, hashToken(token), now.Add(s.opts.EmailChangeTTL)
		if err := s.store.UpdateUser(ctx, &u); err != nil {
			return err
		}
		return s.emit(ctx, TopicEmailChangeRequested, uuid.Nil, u.ID, now, EmailChangePayload{UserID: u.ID, OldEmail: u.Email, NewEmail: email})
	})
	if err != nil {
		return "", err
	}
	return token, nil
}

// ConfirmEmailChange completes an e-mail change with the token of the link
// sent to the new address: the new address becomes the login. An unknown,
// voided or expired token is ErrInvalidToken; an address taken meanwhile by
// another account is a *ValidationError.
func (s *Service) ConfirmEmailChange(ctx context.Context, token string) (User, error) {
	now := s.now()
	var out User
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		u, err := s.store.UserByPendingEmailHash(ctx, hashToken(token))
		if errors.Is(err, storage.ErrNotFound) || err == nil && (u.PendingEmail == "" || !now.Before(u.PendingEmailExpires)) {
			return messages.Error(ErrInvalidToken, "token.invalid")
		}
		if err != nil {
			return err
		}
		old := u.Email
		u.Email, u.PendingEmail, u.PendingEmailHash, u.PendingEmailExpires = u.PendingEmail, "", nil, time.Time{}
		if err := s.store.UpdateUser(ctx, &u); err != nil {
			if isDuplicate(err) {
				v := messages.Validator()
				v.Add("email", "email.taken")
				return v.Err()
			}
			return err
		}
		out = u
		return s.emit(ctx, TopicEmailChanged, uuid.Nil, u.ID, now, EmailChangePayload{UserID: u.ID, OldEmail: old, NewEmail: u.Email})
	})
	return out, err
}

// Memberships returns a page of the user's active memberships, one per
// group the user can switch to, oldest first (join time, then group ID; see
// package page).
func (s *Service) Memberships(ctx context.Context, userID uuid.UUID, p page.Page) (page.Result[Membership], error) {
	return page.Fetch(p, func(w page.Window) ([]Membership, error) {
		return s.store.ActiveMembershipsOfUser(ctx, userID, w)
	}, MembershipKey)
}

// Switch returns the Actor for the user acting in groupID, after checking
// the user is an active member there: a user holding roles in several groups
// switches between them with it.
func (s *Service) Switch(ctx context.Context, userID, groupID uuid.UUID) (Actor, Membership, error) {
	a := Actor{UserID: userID, GroupID: groupID}
	m, err := s.member(ctx, a)
	if err != nil {
		return Actor{}, Membership{}, err
	}
	return a, m, nil
}
