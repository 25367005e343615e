"""Django REST framework messages that its own Indonesian catalogue lacks.

DRF ships Indonesian for only a part of its messages. Listing the missing ones here puts them in
this app's catalogue (api/locale/id), where Django finds them for DRF's own `gettext` calls, so
every error the API returns is in the client's language. The strings must match DRF's exactly.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

DRF_MESSAGES = [
    gettext_noop("Invalid input."),
    gettext_noop("Malformed request."),
    gettext_noop("Invalid cursor"),
    gettext_noop('Method "{method}" not allowed.'),
    gettext_noop("A valid number is required."),
    gettext_noop("A valid biginteger is required."),
    gettext_noop("Must be a valid boolean."),
    gettext_noop("Not a valid string."),
    gettext_noop("Invalid value."),
    gettext_noop("String value too large."),
    gettext_noop("Surrogate characters are not allowed: U+{code_point:X}."),
    gettext_noop("Datetime value out of range."),
    gettext_noop("Expected a date but got a datetime."),
    gettext_noop("Expected a datetime but got a date."),
    gettext_noop('Invalid datetime for the timezone "{timezone}".'),
    gettext_noop('Expected a list of items but got type "{input_type}".'),
    gettext_noop("Invalid data. Expected a dictionary, but got {datatype}."),
    gettext_noop("Incorrect type. Expected pk value, received {data_type}."),
    gettext_noop("Object with {slug_name}={value} does not exist."),
    gettext_noop("This list may not be empty."),
    gettext_noop("Ensure this field has at least {min_length} elements."),
    gettext_noop("Ensure this field has no more than {max_length} elements."),
    gettext_noop("This value does not match the required pattern."),
    gettext_noop("This field must be unique."),
    gettext_noop("The fields {field_names} must make a unique set."),
    gettext_noop("Integer value too large to convert to float"),
]
