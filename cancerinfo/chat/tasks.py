"""The live chat's background work: transcripts by e-mail, chats left waiting at closing time, retention."""

from cancerinfo.jobs.registry import job
from cancerinfo.jobs.schedules import daily, every


@job(schedule=every(minutes=5), description="Pass on chats still waiting when the nurses go off duty")
def pass_on_waiting_chats() -> dict:
    """Pass on waiting chats"""
    from .services import pass_on_waiting

    return pass_on_waiting()


@job(schedule=daily(at="02:10"), description="Delete the messages of chats past retention")
def purge_expired_chats() -> dict:
    """Purge expired chats"""
    from .services import purge_expired

    return purge_expired()


@job(retries=3)
def email_transcript(chat_id: int) -> str:
    """E-mail a chat's transcript (to the address kept, encrypted, on the chat: never in the queue's arguments)"""
    from .models import Chat
    from .services import send_transcript

    chat = Chat.objects.filter(pk=chat_id, anonymised_at__isnull=True).first()
    if chat is None or not chat.email:
        return "chat gone"
    send_transcript(chat, chat.email)
    return "queued"
