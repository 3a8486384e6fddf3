"""The editors' desk for issues in the Django admin: the issue workspace, imports of the back catalogue.

Each module holds one page or one model's admin with its small views, which call the services like
every other page does (as `reviews/desk/` does for reviews, papers and assignments).
"""
