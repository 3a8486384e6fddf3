"""The editors' desk in the Django admin: reviews, papers and assignments.

`reviews/admin.py` registers these model admins; each module holds one model's admin with its
actions and small views, which call the services like every other page does.
"""
