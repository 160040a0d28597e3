package promo

// MessagesHas exposes the catalog to the external tests.
var MessagesHas = messages.Has
