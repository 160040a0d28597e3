package payment

// MessagesHas exposes the catalog to the external tests.
var MessagesHas = messages.Has
