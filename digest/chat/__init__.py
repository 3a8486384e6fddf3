"""Chat announcements per series: webhooks (Slack-compatible, Discord) and Telegram channels."""
