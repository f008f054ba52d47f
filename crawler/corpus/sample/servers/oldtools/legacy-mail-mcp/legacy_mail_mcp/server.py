"""Mail over SMTP and IMAP: one tool by decorator, one added with add_tool and its annotations as a dict."""

import email
import imaplib
import os
import smtplib
from email.message import EmailMessage

from mcp.server.fastmcp import FastMCP
from pydantic import Field

mcp = FastMCP("legacy-mail")


@mcp.tool()
def send_email(
    to: str = Field(description="Recipient address"),
    subject: str = Field(description="Subject"),
    body: str = Field(description="Body"),
) -> str:
    """Send an email to any recipient."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = os.environ["MAIL_FROM"], to, subject
    message.set_content(body)
    with smtplib.SMTP_SSL(os.environ["SMTP_HOST"]) as smtp:
        smtp.login(os.environ["MAIL_USER"], os.environ["MAIL_PASSWORD"])
        smtp.send_message(message)
    return "sent"


def read_inbox(limit: int = 10) -> list[dict]:
    """Read the latest messages of the inbox, including their bodies."""
    with imaplib.IMAP4_SSL(os.environ["IMAP_HOST"]) as imap:
        imap.login(os.environ["MAIL_USER"], os.environ["MAIL_PASSWORD"])
        imap.select("INBOX", readonly=True)
        ids = imap.search(None, "ALL")[1][0].split()[-limit:]
        found = []
        for number in reversed(ids):
            raw = imap.fetch(number, "(RFC822)")[1][0][1]
            message = email.message_from_bytes(raw)
            found.append({"from": message["From"], "subject": message["Subject"], "body": message.get_payload()})
        return found


mcp.add_tool(read_inbox, annotations={"readOnlyHint": True})


def main() -> None:
    mcp.run()
