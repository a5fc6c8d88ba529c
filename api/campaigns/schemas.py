"""Request bodies of share-to-earn."""

from __future__ import annotations

from pydantic import Field

from api.common.schemas import Id, Strict


class ShareListPost(Strict):
    share_list_id: Id = Field(description="the storefront's own id for the list; a replay changes nothing")
    consumer_id: Id = Field(description="the consumer who shares the list and earns the rewards")
    seller_id: Id = Field(description="the store whose goods the list holds")
    skus: list[Id] = Field(min_length=1, max_length=200)
