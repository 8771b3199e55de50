"""noticewatch's application: CLI, settings, store, calendars, Slack bot and web server."""
