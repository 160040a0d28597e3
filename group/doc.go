// Package group runs the employer side of a job board: companies (with
// Quebec NEQ, CRA business number or French SIRET), their groups and public
// profiles, employer users and their professional e-mail, the three roles of
// a group and the permission matrix, join requests and invitations. The
// rules it enforces, with their sources, are docs/RULES.md G-1 to G-14.
//
// Purchases, offers, statistics and billing history belong to a group, not
// to the company. A company's first group is "Groupe 001"; agencies may have
// more, created by the board. A user joins a group by a request (an
// existing group's Principal decides; a request for a new group goes to the
// board and makes the requester its Principal) or by an invitation sent by
// any member.
//
// Who may do what is decided by one table, PermissionMatrix, read through
// Can. Service methods take the acting member (Actor) or a board Moderator
// explicitly, check their permission against that table at every call, and
// return an *i18n.Error unwrapping to ErrForbidden when it is missing;
// invalid input returns a *ValidationError naming every faulty field with a
// stable code and French and English text. Either way nothing is written.
// What the actor may not see (another group's invitation or join request,
// another company's account given to AddMember) answers not found, exactly
// like an unknown ID: an *i18n.Error with a code ending in ".not_found"
// (group, company, user, member, invitation, request) that unwraps to
// storage.ErrNotFound. A company the board creates
// starts with an empty group; InviteByBoard gives it its first Principal.
// Every list returns one page at a time (package page).
//
// The board's staff are looked up, never trusted: a Moderator is only an
// ID, and what it may do comes from the staff roster in the store (Staff:
// board roles moderator, finance and admin; StaffPowerMatrix), read at every
// call like a membership. A host sets up a board with BootstrapStaff (the
// first admin, once); admins then manage the roster with AddStaff,
// SetStaffRoles and RemoveStaff. Other packages check staff powers through
// AuthorizeStaff.
//
// The Service persists through a Store (storage/memory, storage/postgres or
// the host's own, proven by storage/storagetest); every mutation is one
// transaction that also appends the events a mailer needs to the outbox.
package group
