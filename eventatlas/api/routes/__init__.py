"""One router per resource: events, documents, aggregates, exports, the dashboard's settings."""
