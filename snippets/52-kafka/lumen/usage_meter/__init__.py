"""usage-meter: a separate service that reads Lumen's events and keeps the cost of each conversation."""
