"""Ways in: invitations by e-mail (staff) and sign-in codes (persons concerned).

Included under ``/comptes/``.
"""

from django.urls import path

from . import views_codes as codes
from . import views_invitations as invitations

app_name = "invitations"

urlpatterns = [
    path("invitations/", invitations.invitation_list, name="list"),
    path("invitations/nouvelle/", invitations.invitation_new, name="new"),
    path("invitations/<int:pk>/revoquer/", invitations.invitation_revoke, name="revoke"),
    path("invitation/<str:token>/", invitations.accept, name="accept"),
    path("codes/", codes.code_list, name="codes"),
    path("codes/nouveau/", codes.code_new, name="code_new"),
    path("codes/<int:pk>/renouveler/", codes.code_renew, name="code_renew"),
    path("codes/<int:pk>/revoquer/", codes.code_revoke, name="code_revoke"),
    path("code/", codes.code_sign_in, name="code_sign_in"),
    path("mon-compte/", codes.my_account, name="my_account"),
    path("mon-compte/supprimer/", codes.delete_account, name="delete_account"),
    path("compte-supprime/", codes.account_deleted, name="account_deleted"),
]
