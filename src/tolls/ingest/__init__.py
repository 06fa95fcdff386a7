"""Reading sources into documents."""
