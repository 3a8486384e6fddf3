"""Django admin's phrases that put our model names into Russian sentences without inflecting them
("Добавить рецензия", "Рецензия … был успешно изменен").

They are listed here so that makemessages keeps them in our catalogue (locale/ru), where they are
worded so that any model name reads right; the catalogues of LOCALE_PATHS come before Django's own.
Nothing imports this module: it only carries the texts.
"""

from django.utils.translation import gettext_noop

ADMIN_PHRASES = [
    gettext_noop("Add %s"),
    gettext_noop("Change %s"),
    gettext_noop("View %s"),
    gettext_noop("Select %s"),
    gettext_noop("Select %s to change"),
    gettext_noop("Select %s to view"),
    gettext_noop("Add %(name)s"),
    gettext_noop("Add another %(verbose_name)s"),
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was added successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
    gettext_noop("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?"),
]
