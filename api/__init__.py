"""The JSON API (django-ninja): public reads, members' and editors' work with a personal token."""
