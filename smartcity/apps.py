"""The admin app, configured to use the portal's admin site (`smartcity.admin.SmartCityAdminSite`)."""

from django.contrib.admin.apps import AdminConfig


class SmartCityAdminConfig(AdminConfig):
    default_site = "smartcity.admin.SmartCityAdminSite"
