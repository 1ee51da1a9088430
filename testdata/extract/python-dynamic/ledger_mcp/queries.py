class Queries:
    def __init__(self, db):
        self.db = db

    async def balance_async(self, account: str) -> str:
        """Return the current balance of one account."""
        return str(await self.db.balance(account))

    async def history_async(self, account: str, limit: int = 20) -> str:
        return "\n".join(await self.db.history(account, limit))
