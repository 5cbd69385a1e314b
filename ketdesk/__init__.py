"""ketdesk: an offline infographic viewer explaining ketamine infusion treatment.

The version below is the project's single version source: pyproject.toml, build.spec,
``--version`` and the staff menu all read it.
"""

__version__ = "0.1.0"
APP_NAME = "ketdesk"
ORG_NAME = "ketdesk"
