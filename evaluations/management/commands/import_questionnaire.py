"""Import a questionnaire from a spreadsheet (see evaluations/questionnaire_io.py) as a new version of its title."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from evaluations.questionnaire_io import import_questionnaire


class Command(BaseCommand):
    help = "Import a questionnaire from an XLSX file (sheets 'questions' and 'scale') as a new version."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--title", required=True)

    def handle(self, *args, **options):
        try:
            with open(options["path"], "rb") as file:
                questionnaire = import_questionnaire(file, title=options["title"])
        except OSError as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from None
        self.stdout.write(f"{questionnaire}: {questionnaire.questions.count()} questions")
